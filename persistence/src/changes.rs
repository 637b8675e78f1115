//! The change feed: every create, update, delete and workflow step of a record, written in the transaction of the
//! change, read in commit order from a cursor.
//!
//! On PostgreSQL transactions commit in an order their sequence numbers do not show, so each change carries its
//! transaction's id, the feed is ordered by (transaction id, sequence), and it ends before the oldest transaction
//! still running: a change appears once nothing that could precede it can still commit, and never behind a cursor
//! a reader already holds. On SQLite writes are serial and the sequence alone is commit order.

use std::fmt;

use chrono::{DateTime, Utc};
use intercoop_domain::{Meta, Stored};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, Condition, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::audit::Action;
use crate::entities::change::{ActiveModel, Column, Entity, Model};
use crate::support::{now, to_json};
use crate::{Database, RepoError, webhooks};

/// A position in the feed: the changes after it are those not yet read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cursor {
    txid: i64,
    seq: i64,
}

impl Cursor {
    /// Reads a cursor as the feed wrote it; none if it is not one.
    pub fn parse(text: &str) -> Option<Cursor> {
        let (txid, seq) = text.split_once('_')?;
        let parse = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0 && !s.starts_with('+'));
        Some(Cursor { txid: parse(txid)?, seq: parse(seq)? })
    }
}

impl Cursor {
    /// The change's number; a later change to the same record has a higher one.
    pub fn seq(&self) -> i64 {
        self.seq
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.txid, self.seq)
    }
}

/// One change of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEntry {
    pub cursor: Cursor,
    pub at: DateTime<Utc>,
    /// `create`, `update`, `delete`, `submit`, `return`, `publish`, `withdraw` or `reopen`.
    pub action: String,
    pub record_type: String,
    pub record_id: Uuid,
    /// The record's version after the change; a delete counts as one more version.
    pub version: i32,
    /// The record as it stood after the change, as `GET` shows it; none after a delete.
    pub record: Option<Value>,
}

impl ChangeEntry {
    /// The webhook event type of the change: `activity.created`, `partner.published`...
    pub fn event_type(&self) -> String {
        event_type(&self.record_type, &self.action)
    }
}

/// The event type of an action on a record type.
pub fn event_type(record_type: &str, action: &str) -> String {
    let past = match action {
        "create" => "created",
        "update" => "updated",
        "delete" => "deleted",
        "submit" => "submitted",
        "return" => "returned",
        "publish" => "published",
        "withdraw" => "withdrawn",
        "reopen" => "reopened",
        other => other,
    };
    format!("{record_type}.{past}")
}

/// The record types whose changes the feed carries.
pub const RECORD_TYPES: [&str; 7] = ["programme", "section", "measure", "activity", "partner", "grant", "agreement"];

/// The actions of the feed.
pub const ACTIONS: [&str; 8] = ["create", "update", "delete", "submit", "return", "publish", "withdraw", "reopen"];

/// A page of the feed, and whether more changes follow it now.
#[derive(Debug, Clone)]
pub struct FeedPage {
    pub items: Vec<ChangeEntry>,
    pub has_more: bool,
}

/// The record as its `GET` shows it: id, version, timestamps, workflow state, then its content.
pub(crate) fn record_json<T: Serialize>(record: &Stored<T>) -> Value {
    let Meta { id, version, created_at, updated_at, publication } = record.meta;
    let mut object = serde_json::Map::new();
    object.insert("id".into(), to_json(&id));
    object.insert("version".into(), version.into());
    object.insert("created_at".into(), to_json(&created_at));
    object.insert("updated_at".into(), to_json(&updated_at));
    if let Some(p) = publication {
        object.insert("publication".into(), p.as_str().into());
    }
    if let Value::Object(fields) = to_json(&record.data) {
        object.extend(fields);
    }
    Value::Object(object)
}

/// Writes a change down inside the transaction that makes it, with the webhook deliveries it causes.
pub(crate) async fn append(
    txn: &sea_orm::DatabaseTransaction,
    action: Action,
    record_type: &'static str,
    record_id: Uuid,
    version: i32,
    record: Option<Value>,
) -> Result<(), RepoError> {
    let model = entry(action, record_type, record_id, version, record).insert(txn).await?;
    webhooks::fan_out(txn, &from_model(model)).await
}

/// The feed's row for a change; the database numbers it.
pub(crate) fn entry(
    action: Action,
    record_type: &'static str,
    record_id: Uuid,
    version: i32,
    record: Option<Value>,
) -> ActiveModel {
    ActiveModel {
        seq: NotSet,
        txid: NotSet,
        at: Set(now()),
        action: Set(action.as_str().to_owned()),
        record_type: Set(record_type.to_owned()),
        record_id: Set(record_id),
        record_version: Set(version),
        record: Set(record),
    }
}

/// The changes after `after` (from the start without one), oldest first, of the given record types (all without).
pub async fn read(db: &Database, after: Option<Cursor>, types: &[String], limit: u64) -> Result<FeedPage, RepoError> {
    let after = after.unwrap_or_default();
    // A row-value comparison, answered from the (txid, seq) index on both databases.
    let key = Expr::tuple([Expr::col(Column::Txid), Expr::col(Column::Seq)]);
    let mut cond = Condition::all().add(key.gt(Expr::tuple([Expr::value(after.txid), Expr::value(after.seq)])));
    if db.backend() == DbBackend::Postgres {
        cond = cond.add(Expr::cust("txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
    }
    if !types.is_empty() {
        cond = cond.add(Column::RecordType.is_in(types.to_vec()));
    }
    let mut models = Entity::find()
        .filter(cond)
        .order_by_asc(Column::Txid)
        .order_by_asc(Column::Seq)
        .limit(limit + 1)
        .all(db.connection())
        .await?;
    let has_more = models.len() as u64 > limit;
    models.truncate(limit as usize);
    Ok(FeedPage { items: models.into_iter().map(from_model).collect(), has_more })
}

fn from_model(m: Model) -> ChangeEntry {
    ChangeEntry {
        cursor: Cursor { txid: m.txid, seq: m.seq },
        at: m.at,
        action: m.action,
        record_type: m.record_type,
        record_id: m.record_id,
        version: m.record_version,
        record: m.record,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_write() {
        let c = Cursor { txid: 812, seq: 40 };
        assert_eq!(Cursor::parse(&c.to_string()), Some(c));
        assert_eq!(Cursor::parse("0_0"), Some(Cursor::default()));
        for bad in ["", "12", "_1", "1_", "-1_2", "1_-2", "+1_2", "a_b", "1_2_3", "99999999999999999999_1"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn event_types_name_the_record_and_what_happened() {
        assert_eq!(event_type("activity", "create"), "activity.created");
        assert_eq!(event_type("partner", "withdraw"), "partner.withdrawn");
    }
}
