//! What happened to the records: the audit trail (who changed what, field by field) and the change feed other
//! systems keep in sync by.

use intercoop_domain::Role;
pub use intercoop_persistence::audit::{AuditEntry, AuditFilter};
pub use intercoop_persistence::changes::{ACTIONS, ChangeEntry, Cursor, FeedPage, RECORD_TYPES, event_type};
use intercoop_persistence::{audit, changes};
use uuid::Uuid;

use crate::{Caller, Database, Error, Page, PageRequest, Result};

/// The audit trail, newest first: needs the admin role.
pub async fn audit_list(
    db: &Database,
    caller: &Caller,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>> {
    caller.require(Role::Admin, "the audit trail")?;
    Ok(audit::list(db, filter, page).await?)
}

/// One record's changes, the oldest first (a deleted record keeps its history): needs the viewer role; 404 when
/// the record never existed.
pub async fn history(db: &Database, caller: &Caller, record_type: &str, id: Uuid) -> Result<Vec<AuditEntry>> {
    caller.require(Role::Viewer, "a record's history")?;
    let entries = audit::history(db, record_type, id).await?;
    if entries.is_empty() {
        return Err(Error::not_found(format!("no {record_type} with the id {id} has a history")));
    }
    Ok(entries)
}

/// The changes after `after` of the record types `types` (all when empty): needs the viewer role.
pub async fn changes(
    db: &Database,
    caller: &Caller,
    after: Option<Cursor>,
    types: &[String],
    limit: u64,
) -> Result<FeedPage> {
    caller.require(Role::Viewer, "the change feed")?;
    Ok(changes::read(db, after, types, limit).await?)
}

/// A field that changed since the record was last published: its value then and now.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub published: serde_json::Value,
    pub now: serde_json::Value,
}

/// What changed in a record since it was last published, field by field, from its history (what a reviewer reads
/// before publishing again); none when it was never published.
pub fn changes_since_publication(entries: &[AuditEntry]) -> Option<Vec<FieldChange>> {
    let published = entries.iter().rposition(|e| e.action == "publish")?;
    let mut fields: Vec<FieldChange> = Vec::new();
    for entry in entries[published + 1..].iter().filter(|e| e.action == "update") {
        for (field, change) in entry.changes.as_object().into_iter().flatten() {
            let now = change["after"].clone();
            match fields.iter_mut().find(|f| &f.field == field) {
                Some(known) => known.now = now,
                None => fields.push(FieldChange { field: field.clone(), published: change["before"].clone(), now }),
            }
        }
    }
    fields.retain(|f| f.published != f.now);
    Some(fields)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use serde_json::{Value, json};

    use super::*;

    fn entry(action: &str, changes: Value) -> AuditEntry {
        AuditEntry {
            id: Uuid::now_v7(),
            at: Utc::now(),
            actor: "olena".into(),
            actor_role: "editor".into(),
            action: action.into(),
            record_type: "activity".into(),
            record_id: Uuid::nil(),
            record_version: Some(1),
            changes,
        }
    }

    #[test]
    fn a_reviewer_sees_the_fields_changed_since_the_last_publication() {
        let trail = [
            entry("create", json!({"place": {"before": null, "after": "Львів"}})),
            entry("publish", json!({})),
            entry(
                "update",
                json!({"place": {"before": "Львів", "after": "Київ"}, "kind": {"before": "a", "after": "b"}}),
            ),
            entry(
                "update",
                json!({"place": {"before": "Київ", "after": "Одеса"}, "kind": {"before": "b", "after": "a"}}),
            ),
            entry("submit", json!({})),
        ];
        let changes = changes_since_publication(&trail).unwrap();
        assert_eq!(changes, [FieldChange { field: "place".into(), published: json!("Львів"), now: json!("Одеса") }]);
        assert_eq!(changes_since_publication(&trail[..1]), None);
    }
}
