//! The link tables between records (activity -> measures, activity -> partners, ...): replaced as a whole when the
//! owner is written, loaded for a whole page of owners in one query.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Order, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use crate::RepoError;

pub(crate) struct LinkTable {
    pub table: &'static str,
    pub owner: &'static str,
    pub target: &'static str,
    /// A text column carried by each link (the partner's role in an activity).
    pub extra: Option<&'static str>,
}

pub(crate) const ACTIVITY_MEASURES: LinkTable =
    LinkTable { table: "activity_measures", owner: "activity_id", target: "measure_id", extra: None };
pub(crate) const ACTIVITY_PARTNERS: LinkTable =
    LinkTable { table: "activity_partners", owner: "activity_id", target: "partner_id", extra: Some("role") };
pub(crate) const GRANT_MEASURES: LinkTable =
    LinkTable { table: "grant_measures", owner: "grant_id", target: "measure_id", extra: None };
pub(crate) const GRANT_ACTIVITIES: LinkTable =
    LinkTable { table: "grant_activities", owner: "grant_id", target: "activity_id", extra: None };
pub(crate) const AGREEMENT_MEASURES: LinkTable =
    LinkTable { table: "agreement_measures", owner: "agreement_id", target: "measure_id", extra: None };
pub(crate) const AGREEMENT_PARTNERS: LinkTable =
    LinkTable { table: "agreement_partners", owner: "agreement_id", target: "partner_id", extra: None };

/// Every link table, owners' tables first in the order they reference each other.
pub(crate) const ALL: [&LinkTable; 6] = [
    &ACTIVITY_MEASURES,
    &ACTIVITY_PARTNERS,
    &GRANT_MEASURES,
    &GRANT_ACTIVITIES,
    &AGREEMENT_MEASURES,
    &AGREEMENT_PARTNERS,
];

/// A link as its owner writes it: the target, and the extra text where the table has one.
pub(crate) type LinkRow = (Uuid, Option<&'static str>);

/// One link: the target and its extra text, if the table has one.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub target: Uuid,
    pub extra: Option<String>,
}

impl LinkTable {
    /// Replaces the owner's links with `links`, keeping their order.
    pub async fn replace(&self, conn: &impl ConnectionTrait, owner: Uuid, links: &[LinkRow]) -> Result<(), RepoError> {
        let delete = Query::delete().from_table(self.table).and_where(Expr::col(self.owner).eq(owner)).to_owned();
        conn.execute(&delete).await?;
        self.insert(conn, links.iter().map(|link| (owner, link))).await
    }

    /// Adds links of any number of owners, each owner's in its order, in one statement per thousand links.
    pub async fn insert<'a>(
        &self,
        conn: &impl ConnectionTrait,
        links: impl IntoIterator<Item = (Uuid, &'a LinkRow)>,
    ) -> Result<(), RepoError> {
        let mut columns = vec![self.owner, self.target, "position"];
        columns.extend(self.extra);
        let mut insert = Query::insert().into_table(self.table).columns(columns.clone()).to_owned();
        let (mut rows, mut last_owner, mut position) = (0, None, 0i32);
        for (owner, (target, extra)) in links {
            position = if last_owner == Some(owner) { position + 1 } else { 0 };
            last_owner = Some(owner);
            let mut values: Vec<SimpleExpr> = vec![owner.into(), (*target).into(), position.into()];
            if self.extra.is_some() {
                values.push(extra.unwrap_or_default().into());
            }
            insert.values_panic(values);
            rows += 1;
            if rows == 1000 {
                conn.execute(&insert).await?;
                insert = Query::insert().into_table(self.table).columns(columns.clone()).to_owned();
                rows = 0;
            }
        }
        if rows > 0 {
            conn.execute(&insert).await?;
        }
        Ok(())
    }

    /// The links of every owner in `owners`, in their stored order.
    pub async fn load(
        &self,
        conn: &impl ConnectionTrait,
        owners: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<Link>>, RepoError> {
        let mut out: HashMap<Uuid, Vec<Link>> = HashMap::new();
        if owners.is_empty() {
            return Ok(out);
        }
        for owners in owners.chunks(crate::support::IN_LIST_MAX) {
            let mut query = Query::select();
            query
                .columns([self.owner, self.target])
                .from(self.table)
                .and_where(Expr::col(self.owner).is_in(owners.to_vec()));
            if let Some(extra) = self.extra {
                query.column(extra);
            }
            query.order_by(self.owner, Order::Asc).order_by("position", Order::Asc);
            for row in conn.query_all(&query).await? {
                let owner: Uuid = row.try_get("", self.owner)?;
                let target: Uuid = row.try_get("", self.target)?;
                let extra = match self.extra {
                    Some(col) => Some(row.try_get::<String>("", col)?),
                    None => None,
                };
                out.entry(owner).or_default().push(Link { target, extra });
            }
        }
        Ok(out)
    }

    /// The links of `owners` (at most `IN_LIST_MAX`) joined to the rows they point to in `targets` (whose key is
    /// `id`): each row holds the owner, the extra text as `extra` if the table has one, and `columns` of the target,
    /// those in `as_text` read as text (JSON documents, for parsing straight into their types). In stored order.
    pub async fn joined(
        &self,
        conn: &impl ConnectionTrait,
        owners: &[Uuid],
        targets: &'static str,
        columns: &[&'static str],
        as_text: &[&'static str],
    ) -> Result<Vec<QueryResult>, RepoError> {
        if owners.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = Query::select();
        query.expr_as(Expr::col((self.table, self.owner)), "owner");
        if let Some(extra) = self.extra {
            query.expr_as(Expr::col((self.table, extra)), "extra");
        }
        for column in columns {
            query.column((targets, *column));
        }
        for column in as_text {
            query.expr_as(Expr::col((targets, *column)).cast_as("TEXT"), *column);
        }
        query
            .from(self.table)
            .inner_join(targets, Expr::col((targets, "id")).equals((self.table, self.target)))
            .and_where(Expr::col((self.table, self.owner)).is_in(owners.to_vec()))
            .order_by((self.table, self.owner), Order::Asc)
            .order_by((self.table, "position"), Order::Asc);
        Ok(conn.query_all(&query).await?)
    }

    /// The owners linked to `target`, as a sub-query for filters.
    pub fn owners_of(&self, target: Uuid) -> sea_orm::sea_query::SelectStatement {
        Query::select().column(self.owner).from(self.table).and_where(Expr::col(self.target).eq(target)).to_owned()
    }
}
