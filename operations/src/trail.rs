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
