//! Systems' accounts (other municipal systems signing in with a client id and secret), managed by admins.

use intercoop_domain::{FieldErrors, Role};
use intercoop_persistence::service_accounts;
pub use intercoop_persistence::service_accounts::ServiceAccount;
use intercoop_persistence::{Page, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::passwords;
use crate::{Caller, Database, Error, IfMatch, Result};

const WHAT: &str = "managing service accounts";

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

/// The service accounts.
pub async fn list(db: &Database, caller: &Caller, page: PageRequest) -> Result<Page<ServiceAccount>> {
    caller.require(Role::Admin, WHAT)?;
    Ok(service_accounts::list(db, page).await?)
}

/// A service account.
pub async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<ServiceAccount> {
    caller.require(Role::Admin, WHAT)?;
    Ok(service_accounts::get(db, id).await?)
}

/// Creates a service account with a new secret, returned this once (only its hash is kept).
pub async fn create(db: &Database, caller: &Caller, request: NewServiceAccount) -> Result<(ServiceAccount, String)> {
    caller.require(Role::Admin, WHAT)?;
    check(Some(&request.client_id), &request.name, &request.scopes)?;
    let secret = passwords::random_secret();
    let account = ServiceAccount {
        id: Uuid::nil(),
        version: 0,
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
        client_id: request.client_id,
        name: request.name,
        role: request.role.as_str().into(),
        unit: request.unit.filter(|u| !u.trim().is_empty()),
        scopes: request.scopes,
        active: true,
        secret_hash: passwords::token_hash(&secret),
    };
    Ok((service_accounts::create(db, &caller.actor(), account).await?, secret))
}

/// Changes a service account by a JSON merge patch of [`ServiceAccountChanges`].
pub async fn change(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    if_match: &IfMatch,
    patch: serde_json::Value,
) -> Result<ServiceAccount> {
    caller.require(Role::Admin, WHAT)?;
    service_accounts::update(db, &caller.actor(), id, |current| {
        if_match.check(current.version)?;
        let editable = ServiceAccountChanges {
            name: current.name.clone(),
            role: Role::parse(&current.role).unwrap_or(Role::Viewer),
            unit: current.unit.clone(),
            scopes: current.scopes.clone(),
            active: current.active,
        };
        let changes: ServiceAccountChanges = crate::records::merge_patch(&editable, patch)?;
        check(None, &changes.name, &changes.scopes)?;
        Ok::<_, Error>(ServiceAccount {
            name: changes.name,
            role: changes.role.as_str().into(),
            unit: changes.unit.filter(|u| !u.trim().is_empty()),
            scopes: changes.scopes,
            active: changes.active,
            ..current.clone()
        })
    })
    .await
}

/// Gives a service account a new secret, returned this once; the old one stops working.
pub async fn rotate_secret(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    if_match: &IfMatch,
) -> Result<(ServiceAccount, String)> {
    caller.require(Role::Admin, WHAT)?;
    let secret = passwords::random_secret();
    let hash = passwords::token_hash(&secret);
    let account = service_accounts::update(db, &caller.actor(), id, |current| {
        if_match.check(current.version)?;
        Ok::<_, Error>(ServiceAccount { secret_hash: hash, ..current.clone() })
    })
    .await?;
    Ok((account, secret))
}
