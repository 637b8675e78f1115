//! What the open-data feeds read: the public records in batches ordered by (last change, id), so that a feed can
//! stream a large table and a harvester can resume from a cursor; and a stamp that changes whenever a feed's
//! content may have.

use std::fmt;

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::activities::{Activities, ActivityView};
use crate::agreements::{Agreement, Agreements};
use crate::crud::Record;
use crate::grants::{Grant, Grants};
use crate::measures::{Measure, MeasureRef, Measures};
use crate::partners::{Partner, PartnerRef, Partners};
use crate::{Database, RepoError};

/// A position in a feed: the records after it come next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedCursor {
    pub updated_at: DateTime<Utc>,
    pub id: Uuid,
}

impl FeedCursor {
    pub fn parse(text: &str) -> Option<FeedCursor> {
        let (micros, id) = text.split_once('_')?;
        let micros: i64 = micros.parse().ok().filter(|m| *m >= 0)?;
        Some(FeedCursor { updated_at: Utc.timestamp_micros(micros).single()?, id: Uuid::parse_str(id).ok()? })
    }
}

impl fmt::Display for FeedCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.updated_at.timestamp_micros(), self.id.simple())
    }
}

/// Which public records to read.
#[derive(Debug, Clone, Copy)]
pub struct FeedQuery {
    pub after: Option<FeedCursor>,
    pub updated_since: Option<DateTime<Utc>>,
    pub limit: u64,
}

/// One batch of published records after the cursor, in (updated_at, id) order; with their links if `links`.
async fn batch<R: Record>(
    conn: &impl ConnectionTrait,
    q: &FeedQuery,
    links: bool,
) -> Result<Vec<intercoop_domain::Stored<R::Draft>>, RepoError>
where
    R::Model: FromQueryResult,
{
    let updated_at = || Expr::col("updated_at");
    let mut cond = Condition::all();
    if R::WORKFLOW {
        cond = cond.add(Expr::col("publication").eq("published"));
    }
    if let Some(since) = q.updated_since {
        cond = cond.add(updated_at().gte(since));
    }
    if let Some(after) = q.after {
        // A row-value comparison, which both databases answer from the (updated_at, id) index.
        let key = Expr::tuple([updated_at(), Expr::col("id")]);
        cond = cond.add(key.gt(Expr::tuple([Expr::value(after.updated_at), Expr::value(after.id)])));
    }
    let models = R::read().filter(cond).order_by_asc(updated_at()).order_by_asc(R::ID).limit(q.limit).all(conn).await?;
    let mut records: Vec<_> = models.into_iter().map(R::from_model).collect::<Result<_, _>>()?;
    if links {
        R::load_links(conn, &mut records).await?;
    }
    Ok(records)
}

pub async fn measures(db: &Database, q: &FeedQuery) -> Result<Vec<Measure>, RepoError> {
    batch::<Measures>(db.connection(), q, true).await
}

pub async fn partners(db: &Database, q: &FeedQuery) -> Result<Vec<Partner>, RepoError> {
    batch::<Partners>(db.connection(), q, true).await
}

pub async fn grants(db: &Database, q: &FeedQuery) -> Result<Vec<Grant>, RepoError> {
    batch::<Grants>(db.connection(), q, true).await
}

pub async fn agreements(db: &Database, q: &FeedQuery) -> Result<Vec<Agreement>, RepoError> {
    batch::<Agreements>(db.connection(), q, true).await
}

/// Published activities with their measures' codes and partners' names.
pub async fn activities(db: &Database, q: &FeedQuery) -> Result<Vec<ActivityView>, RepoError> {
    let records = batch::<Activities>(db.connection(), q, false).await?;
    let views = crate::activities::views(db.connection(), records).await?;
    Ok(views.into_iter().map(|v| v.seen_with(crate::Visibility::PublishedOnly)).collect())
}

/// Those of these partners that are published: a published record may name one that is not, and the public sees
/// nothing of that one.
pub async fn partner_refs(db: &Database, ids: &[Uuid]) -> Result<Vec<PartnerRef>, RepoError> {
    let mut refs = crate::partners::refs(db.connection(), ids).await?;
    refs.retain(|p| p.published);
    Ok(refs)
}

pub async fn measure_refs(db: &Database, ids: &[Uuid]) -> Result<Vec<MeasureRef>, RepoError> {
    crate::measures::refs(db.connection(), ids).await
}

/// What changes whenever a feed built from these record types may have changed: how many changes they have had,
/// the last one's number, and when it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub changes: i64,
    pub last_seq: i64,
    pub last_at: Option<DateTime<Utc>>,
}

pub async fn stamp(db: &Database, record_types: &[&str]) -> Result<Stamp, RepoError> {
    use crate::entities::change::{Column, Entity};
    let row: Option<(i64, Option<i64>, Option<DateTime<Utc>>)> = Entity::find()
        .select_only()
        .column_as(Expr::col(Column::Seq).count(), "changes")
        .column_as(Expr::col(Column::Seq).max(), "last_seq")
        .column_as(Expr::col(Column::At).max(), "last_at")
        .filter(Column::RecordType.is_in(record_types.iter().map(|t| t.to_string())))
        .into_tuple()
        .one(db.connection())
        .await?;
    let (changes, last_seq, last_at) = row.unwrap_or((0, None, None));
    Ok(Stamp { changes, last_seq: last_seq.unwrap_or(0), last_at })
}

/// When this database was installed: its first migration's time, the day the open data began to be served.
pub async fn installed_at(db: &Database) -> Result<Option<DateTime<Utc>>, RepoError> {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = "SELECT MIN(applied_at) AS at FROM seaql_migrations";
    let row =
        db.connection().query_one_raw(Statement::from_string(db.connection().get_database_backend(), sql)).await?;
    let seconds: Option<i64> = match row {
        Some(row) => row.try_get("", "at")?,
        None => None,
    };
    Ok(seconds.and_then(|s| DateTime::from_timestamp(s, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back() {
        let c = FeedCursor { updated_at: Utc.timestamp_micros(1_732_530_000_123_456).unwrap(), id: Uuid::now_v7() };
        assert_eq!(FeedCursor::parse(&c.to_string()), Some(c));
        for bad in ["", "1_", "_x", "-5_0190f5a0000070008000000000000001", "1_nope"] {
            assert_eq!(FeedCursor::parse(bad), None, "{bad}");
        }
    }
}
