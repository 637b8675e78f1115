//! The audit trail: every create, update, delete and transition writes an entry in the same transaction as the
//! change: who, when, what, and each changed field with its value before and after.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::entities::audit_entry::{Column, Entity, Model};
use crate::support::{Page, PageRequest, now};
use crate::{Database, RepoError};

/// Who makes a change: a token's subject and role, or the system itself (a dataset load).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub subject: String,
    pub role: String,
}

impl Actor {
    pub fn new(subject: impl Into<String>, role: impl Into<String>) -> Self {
        Self { subject: subject.into(), role: role.into() }
    }

    pub fn system(what: &str) -> Self {
        Self::new(what, "system")
    }
}

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    /// A workflow step: `publish`, `withdraw`, `reopen`.
    Transition(&'static str),
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Transition(name) => name,
        }
    }
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_role: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Uuid,
    /// The record's version after the change (none after a delete).
    pub record_version: Option<i32>,
    /// `{field: {"before": ..., "after": ...}}` for each field that changed.
    pub changes: Value,
}

/// Filters of the trail; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// The change to write down, inside the caller's transaction.
pub(crate) struct Change<'a> {
    pub action: Action,
    pub record_type: &'static str,
    pub record_id: Uuid,
    pub version: Option<i32>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub actor: &'a Actor,
}

pub(crate) async fn write(conn: &impl ConnectionTrait, change: Change<'_>) -> Result<(), RepoError> {
    entry(change).into_active_model().insert(conn).await?;
    Ok(())
}

/// The trail's row for a change.
pub(crate) fn entry(change: Change<'_>) -> Model {
    Model {
        id: Uuid::now_v7(),
        at: now(),
        actor: change.actor.subject.clone(),
        actor_role: change.actor.role.clone(),
        action: change.action.as_str().to_owned(),
        record_type: change.record_type.to_owned(),
        record_id: change.record_id,
        record_version: change.version,
        changes: diff(change.before.as_ref(), change.after.as_ref()),
    }
}

/// The fields whose values differ, each with its value before and after.
pub(crate) fn diff(before: Option<&Value>, after: Option<&Value>) -> Value {
    let empty = Map::new();
    let before = before.and_then(Value::as_object).unwrap_or(&empty);
    let after = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut changes = Map::new();
    for key in before.keys().chain(after.keys()) {
        if changes.contains_key(key) {
            continue;
        }
        let (b, a) = (before.get(key).unwrap_or(&Value::Null), after.get(key).unwrap_or(&Value::Null));
        if b != a {
            changes.insert(key.clone(), json!({"before": b, "after": a}));
        }
    }
    Value::Object(changes)
}

/// The trail, the latest first.
pub async fn list(db: &Database, filter: &AuditFilter, page: PageRequest) -> Result<Page<AuditEntry>, RepoError> {
    let mut cond = Condition::all();
    if let Some(actor) = &filter.actor {
        cond = cond.add(Column::Actor.eq(actor.clone()));
    }
    if let Some(kind) = &filter.record_type {
        cond = cond.add(Column::RecordType.eq(kind.clone()));
    }
    if let Some(id) = filter.record_id {
        cond = cond.add(Column::RecordId.eq(id));
    }
    if let Some(from) = filter.from {
        cond = cond.add(Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        cond = cond.add(Column::At.lte(to));
    }
    let query = Entity::find().filter(cond);
    let total = query.clone().count(db.connection()).await?;
    let models = query
        .order_by_desc(Column::At)
        .order_by_desc(Column::Id)
        .limit(page.limit)
        .offset(page.offset)
        .all(db.connection())
        .await?;
    Ok(Page { total, items: models.into_iter().map(from_model).collect() })
}

/// One record's history, the oldest first.
pub async fn history(db: &Database, record_type: &str, record_id: Uuid) -> Result<Vec<AuditEntry>, RepoError> {
    let models = Entity::find()
        .filter(Column::RecordType.eq(record_type))
        .filter(Column::RecordId.eq(record_id))
        .order_by_asc(Column::At)
        .order_by_asc(Column::Id)
        .all(db.connection())
        .await?;
    Ok(models.into_iter().map(from_model).collect())
}

fn from_model(m: Model) -> AuditEntry {
    AuditEntry {
        id: m.id,
        at: m.at,
        actor: m.actor,
        actor_role: m.actor_role,
        action: m.action,
        record_type: m.record_type,
        record_id: m.record_id,
        record_version: m.record_version,
        changes: m.changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_the_changed_fields_only() {
        let before = json!({"a": 1, "b": "x", "c": null});
        let after = json!({"a": 1, "b": "y", "d": true});
        assert_eq!(
            diff(Some(&before), Some(&after)),
            json!({"b": {"before": "x", "after": "y"}, "d": {"before": null, "after": true}})
        );
        assert_eq!(diff(None, Some(&json!({"a": 1}))), json!({"a": {"before": null, "after": 1}}));
        assert_eq!(diff(Some(&json!({"a": 1})), None), json!({"a": {"before": 1, "after": null}}));
    }
}
