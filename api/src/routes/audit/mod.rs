//! The audit trail: `/api/v1/audit` for admins, and each record's history at `/api/v1/{collection}/{id}/history`.

use chrono::{DateTime, Utc};
use intercoop_operations::trail::AuditEntry;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

mod history;
mod list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_audit);
    history::configure(cfg);
}

/// One change to one record.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResponse {
    pub id: Uuid,
    /// When the change was committed.
    pub at: DateTime<Utc>,
    /// The token subject that made it (`dataset ...` for a dataset load).
    pub actor: String,
    /// The role it acted with.
    pub actor_role: String,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// `programme`, `section`, `measure`, `activity`, `partner`, `grant` or `agreement`.
    pub record_type: String,
    pub record_id: Uuid,
    /// The record's version after the change; absent after a delete.
    pub record_version: Option<i32>,
    /// Each field that changed: `{"field": {"before": ..., "after": ...}}`.
    #[schema(value_type = Object, example = json!({"website": {"before": null, "after": "https://www.stuttgart.de/"}}))]
    pub changes: serde_json::Value,
}

impl From<AuditEntry> for AuditEntryResponse {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor: e.actor,
            actor_role: e.actor_role,
            action: e.action,
            record_type: e.record_type,
            record_id: e.record_id,
            record_version: e.record_version,
            changes: e.changes,
        }
    }
}
