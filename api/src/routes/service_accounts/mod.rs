//! `/api/v1/service-accounts`: accounts of other municipal systems, managed by admins. A system signs in at
//! `POST /api/v1/auth/token` with `grant_type=client_credentials`.

use chrono::{DateTime, Utc};
use intercoop_operations::accounts::service_accounts::ServiceAccount;
pub use intercoop_operations::accounts::service_accounts::{NewServiceAccount, Scope, ServiceAccountChanges};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::Role;

mod handlers;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_service_accounts)
        .service(handlers::create_service_account)
        .service(handlers::get_service_account)
        .service(handlers::patch_service_account)
        .service(handlers::rotate_service_account_secret);
}

/// A system's account (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccountResponse {
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What the system signs in as.
    #[schema(pattern = "^[A-Za-z0-9._-]{2,64}$")]
    pub client_id: String,
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub name: String,
    pub role: Role,
    /// The unit whose records the system works on, when it is an editor of one unit.
    pub unit: Option<String>,
    /// Scopes carried in its tokens' `scope` claim, for the systems' own use; the role decides what intercoop
    /// allows.
    #[schema(value_type = Vec<Scope>)]
    pub scopes: Vec<String>,
    /// A disabled account cannot sign in, and its tokens stop working.
    pub active: bool,
}

impl From<ServiceAccount> for ServiceAccountResponse {
    fn from(a: ServiceAccount) -> Self {
        Self {
            id: a.id,
            version: a.version,
            created_at: a.created_at,
            updated_at: a.updated_at,
            role: Role::parse(&a.role).unwrap_or(Role::Viewer),
            client_id: a.client_id,
            name: a.name,
            unit: a.unit,
            scopes: a.scopes,
            active: a.active,
        }
    }
}

/// An account with its new secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccountWithSecret {
    #[serde(flatten)]
    pub account: ServiceAccountResponse,
    /// The secret to sign in with. It is stored only as a hash and never shown again.
    pub client_secret: String,
}
