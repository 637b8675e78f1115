//! `/api/v1/service-accounts`: accounts of other municipal systems, managed by admins. A system signs in at
//! `POST /api/v1/auth/token` with `grant_type=client_credentials`.

use chrono::{DateTime, Utc};
use intercoop_domain::FieldErrors;
use intercoop_persistence::service_accounts::ServiceAccount;
use serde::{Deserialize, Serialize};
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

/// A new service account.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"client_id": "city-website", "name": "The city website", "role": "editor", "unit": "управління економіки", "scopes": ["activities"]}))]
pub struct NewServiceAccount {
    /// Letters, digits, dots, dashes and underscores; 2 to 64 characters.
    #[schema(pattern = "^[A-Za-z0-9._-]{2,64}$")]
    pub client_id: String,
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<Scope>)]
    pub scopes: Vec<String>,
}

/// A scope a service account's tokens carry: 1 to 64 printable characters without spaces.
#[derive(ToSchema)]
#[schema(pattern = "^[!-~]{1,64}$", example = "activities:write")]
#[allow(dead_code)]
pub struct Scope(String);

/// The fields of a service account an admin may change (a JSON merge patch).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct ServiceAccountChanges {
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<Scope>)]
    pub scopes: Vec<String>,
    pub active: bool,
}

fn check(client_id: Option<&str>, name: &str, scopes: &[String]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(id) = client_id {
        let ok = (2..=64).contains(&id.chars().count())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !ok {
            errors.add("client_id", "invalid", "2 to 64 letters, digits, dots, dashes or underscores");
        }
    }
    if name.trim().is_empty() || name.chars().count() > 200 {
        errors.add("name", "length", "must have between 1 and 200 characters");
    }
    for (i, scope) in scopes.iter().enumerate() {
        if scope.is_empty() || scope.len() > 64 || !scope.chars().all(|c| c.is_ascii_graphic()) {
            errors.add(format!("scopes[{i}]"), "invalid", "1 to 64 printable characters without spaces");
        }
    }
    errors.into_result()
}
