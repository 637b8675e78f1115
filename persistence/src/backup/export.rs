//! Writing the backup document, table by table, row by row, from one consistent snapshot of the database.

use std::io::Write;

use futures_util::TryStreamExt;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, IsolationLevel, Iterable,
    PrimaryKeyToColumn, QueryOrder, TransactionTrait,
};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{FORMAT, TableCounts, VERSION, check_every_table_is_known, schema};
use crate::entities::*;
use crate::links::{self, LinkTable};
use crate::support::now;
use crate::{Database, RepoError};

/// Link rows read per query.
const LINK_BATCH: u64 = 10_000;

/// Writes the whole database to `out` as one JSON document (see the module's documentation). The rows come from
/// one snapshot, so a backup taken while the service writes is consistent. Only rows are held in memory, one at a
/// time (link tables: a batch at a time).
pub async fn export(db: &Database, out: impl Write) -> Result<TableCounts, RepoError> {
    let txn = match db.backend() {
        DbBackend::Postgres => {
            let conn = db.connection();
            conn.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        _ => db.connection().begin().await?,
    };
    check_every_table_is_known(&txn).await?;
    let mut doc = Document { out, tables: 0, counts: TableCounts::default() };
    doc.header()?;
    doc.entity::<programme::Entity>(&txn, "programmes").await?;
    doc.entity::<section::Entity>(&txn, "sections").await?;
    doc.entity::<measure::Entity>(&txn, "measures").await?;
    doc.entity::<partner::Entity>(&txn, "partners").await?;
    doc.entity::<activity::Entity>(&txn, "activities").await?;
    doc.entity::<grant::Entity>(&txn, "grants").await?;
    doc.entity::<agreement::Entity>(&txn, "agreements").await?;
    for table in links::ALL {
        doc.links(&txn, table).await?;
    }
    doc.entity::<user::Entity>(&txn, "users").await?;
    doc.entity::<refresh_token::Entity>(&txn, "refresh_tokens").await?;
    doc.entity::<service_account::Entity>(&txn, "service_accounts").await?;
    doc.entity::<idempotency_key::Entity>(&txn, "idempotency_keys").await?;
    doc.entity::<audit_entry::Entity>(&txn, "audit_entries").await?;
    doc.entity::<record_comment::Entity>(&txn, "record_comments").await?;
    doc.entity::<change::Entity>(&txn, "changes").await?;
    doc.entity::<webhook_subscription::Entity>(&txn, "webhook_subscriptions").await?;
    doc.entity::<webhook_delivery::Entity>(&txn, "webhook_deliveries").await?;
    doc.entity::<report_import::Entity>(&txn, "report_imports").await?;
    doc.entity::<sign_in_failure::Entity>(&txn, "sign_in_failures").await?;
    doc.entity::<console_session::Entity>(&txn, "console_sessions").await?;
    txn.rollback().await?;
    doc.footer()?;
    debug_assert_eq!(doc.counts.0.iter().map(|(t, _)| *t).collect::<Vec<_>>(), super::TABLES);
    Ok(doc.counts)
}

struct Document<W> {
    out: W,
    tables: usize,
    counts: TableCounts,
}

impl<W: Write> Document<W> {
    fn header(&mut self) -> Result<(), RepoError> {
        let head = serde_json::json!({"format": FORMAT, "version": VERSION, "schema": schema(), "exported_at": now()});
        let head = serde_json::to_string(&head).map_err(internal)?;
        write!(self.out, "{},\n\"tables\": {{", head.trim_end_matches('}')).map_err(internal)
    }

    fn footer(&mut self) -> Result<(), RepoError> {
        writeln!(self.out, "\n}}}}").map_err(internal)?;
        self.out.flush().map_err(internal)
    }

    fn begin(&mut self, table: &'static str) -> Result<(), RepoError> {
        let sep = if self.tables == 0 { "" } else { "," };
        self.tables += 1;
        self.counts.0.push((table, 0));
        write!(self.out, "{sep}\n\"{table}\": [").map_err(internal)
    }

    fn row(&mut self, row: &impl Serialize) -> Result<(), RepoError> {
        let count = &mut self.counts.0.last_mut().expect("a table has begun").1;
        let sep = if *count == 0 { "" } else { "," };
        *count += 1;
        writeln!(self.out, "{sep}").map_err(internal)?;
        serde_json::to_writer(&mut self.out, row).map_err(internal)
    }

    fn end(&mut self) -> Result<(), RepoError> {
        let empty = self.counts.0.last().is_some_and(|(_, n)| *n == 0);
        write!(self.out, "{}]", if empty { "" } else { "\n" }).map_err(internal)
    }

    /// A record table, in primary-key order.
    async fn entity<E>(&mut self, txn: &DatabaseTransaction, table: &'static str) -> Result<(), RepoError>
    where
        E: EntityTrait,
        E::Model: Serialize + Sync,
    {
        self.begin(table)?;
        let mut select = E::find();
        for key in E::PrimaryKey::iter() {
            select = select.order_by_asc(key.into_column());
        }
        let mut rows = select.stream(txn).await?;
        while let Some(model) = rows.try_next().await? {
            self.row(&model)?;
        }
        self.end()
    }

    /// A link table, in (owner, position) order, each row an object under the table's column names.
    async fn links(&mut self, txn: &DatabaseTransaction, table: &LinkTable) -> Result<(), RepoError> {
        self.begin(table.table)?;
        let mut after: Option<(Uuid, i32)> = None;
        loop {
            let mut query = Query::select();
            query.columns([table.owner, table.target, "position"]).columns(table.extra).from(table.table);
            if let Some((owner, position)) = after {
                let key = Expr::tuple([Expr::col(table.owner), Expr::col("position")]);
                query.and_where(key.gt(Expr::tuple([Expr::value(owner), Expr::value(position)])));
            }
            query.order_by(table.owner, Order::Asc).order_by("position", Order::Asc).limit(LINK_BATCH);
            let rows = txn.query_all(&query).await?;
            for row in &rows {
                let owner: Uuid = row.try_get("", table.owner)?;
                let position: i32 = row.try_get("", "position")?;
                let mut object = Map::new();
                object.insert(table.owner.into(), Value::String(owner.to_string()));
                object.insert(table.target.into(), Value::String(row.try_get::<Uuid>("", table.target)?.to_string()));
                object.insert("position".into(), Value::from(position));
                if let Some(extra) = table.extra {
                    object.insert(extra.into(), Value::String(row.try_get("", extra)?));
                }
                self.row(&object)?;
                after = Some((owner, position));
            }
            if (rows.len() as u64) < LINK_BATCH {
                break;
            }
        }
        self.end()
    }
}

fn internal(e: impl Into<anyhow::Error>) -> RepoError {
    RepoError::Internal(e.into())
}
