//! People's accounts, managed by admins: creating them, changing them (a password change or disabling ends every
//! session at once), reading them.

use intercoop_domain::{FieldErrors, Role};
pub use intercoop_persistence::users::User;
use intercoop_persistence::users::{self, NewUser};
use intercoop_persistence::{Page, PageRequest, RepoError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::passwords;
use crate::{Caller, Database, Error, IfMatch, Result};

const WHAT: &str = "managing accounts";

/// A new account.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"username": "olena", "display_name": "Олена Коваль", "email": "olena@khm.gov.ua", "role": "editor", "unit": "управління економіки", "password": "a long password of hers"}))]
pub struct NewUserRequest {
    /// Letters, digits, dots, dashes and underscores; 2 to 64 characters; kept in lower case.
    #[schema(pattern = "^[A-Za-z0-9._-]{2,64}$")]
    pub username: String,
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub display_name: String,
    #[serde(default)]
    #[schema(max_length = 254, pattern = "^[^\\s\\u0000@]*@[^\\s\\u0000]*$")]
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub unit: Option<String>,
    /// At least 12 characters.
    #[schema(min_length = 12, pattern = "^[^\\u0000]*$")]
    pub password: String,
}

/// The fields of an account an admin may change (a JSON merge patch).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct UserChanges {
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub display_name: String,
    #[serde(default)]
    #[schema(max_length = 254, pattern = "^[^\\s\\u0000@]*@[^\\s\\u0000]*$")]
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub unit: Option<String>,
    pub active: bool,
    /// A new password, at least 12 characters; absent to keep the password.
    #[serde(default)]
    #[schema(min_length = 12, pattern = "^[^\\u0000]*$")]
    pub password: Option<String>,
}

fn check(
    username: Option<&str>,
    display_name: &str,
    email: Option<&str>,
    password: Option<&str>,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(name) = username {
        let ok = (2..=64).contains(&name.chars().count())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !ok {
            errors.add("username", "invalid", "2 to 64 letters, digits, dots, dashes or underscores");
        }
    }
    if display_name.trim().is_empty() || display_name.chars().count() > 200 {
        errors.add("display_name", "length", "must have between 1 and 200 characters");
    }
    if let Some(email) = email
        && (!email.contains('@') || email.contains(char::is_whitespace) || email.chars().count() > 254)
    {
        errors.add("email", "invalid", "is not an e-mail address");
    }
    if let Some(password) = password
        && let Err(message) = passwords::check_strength(password)
    {
        errors.add("password", "weak", message);
    }
    errors.into_result()
}

async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || passwords::hash(&password))
        .await
        .map_err(Error::internal)?
        .map_err(Error::internal)
}

/// The accounts, by username.
pub async fn list(db: &Database, caller: &Caller, page: PageRequest) -> Result<Page<User>> {
    caller.require(Role::Admin, WHAT)?;
    Ok(users::list(db, page).await?)
}

/// An account.
pub async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<User> {
    caller.require(Role::Admin, WHAT)?;
    Ok(users::get(db, id).await?)
}

/// The caller's own account, when it signed in as a person.
pub async fn own(db: &Database, caller: &Caller) -> Result<Option<User>> {
    match caller.uid {
        Some(uid) => Ok(Some(users::get(db, uid).await?)),
        None => Ok(None),
    }
}

/// Creates an account; its password is kept as an argon2id hash only. A taken username is a conflict.
pub async fn create(db: &Database, caller: &Caller, request: NewUserRequest) -> Result<User> {
    caller.require(Role::Admin, WHAT)?;
    check(Some(&request.username), &request.display_name, request.email.as_deref(), Some(&request.password))?;
    let new = NewUser {
        username: request.username,
        email: request.email,
        display_name: request.display_name,
        role: request.role.as_str().into(),
        unit: request.unit.filter(|u| !u.trim().is_empty()),
        password_hash: hash(request.password).await?,
    };
    Ok(users::create(db, &caller.actor(), new).await?)
}

/// Changes an account by a JSON merge patch of [`UserChanges`]; a new password or disabling ends its sessions.
pub async fn change(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    if_match: &IfMatch,
    patch: serde_json::Value,
) -> Result<User> {
    caller.require(Role::Admin, WHAT)?;
    let current = users::get(db, id).await?;
    if_match.check(current.version)?;
    let editable = UserChanges {
        display_name: current.display_name.clone(),
        email: current.email.clone(),
        role: Role::parse(&current.role).unwrap_or(Role::Viewer),
        unit: current.unit.clone(),
        active: current.active,
        password: None,
    };
    let changes: UserChanges = crate::records::merge_patch(&editable, patch)?;
    check(None, &changes.display_name, changes.email.as_deref(), changes.password.as_deref())?;
    if changes.password.is_some() && super::oidc::is_linked(&current) {
        return Err(linked());
    }
    let hash = match changes.password.clone() {
        Some(password) => Some(hash(password).await?),
        None => None,
    };
    users::update(db, &caller.actor(), id, |u| {
        if u.version != current.version {
            return Err(Error::from(RepoError::Conflict("the account changed meanwhile; read it again".into())));
        }
        Ok(User {
            display_name: changes.display_name,
            email: changes.email,
            role: changes.role.as_str().into(),
            unit: changes.unit.filter(|u| !u.trim().is_empty()),
            active: changes.active,
            password_hash: hash.unwrap_or_else(|| u.password_hash.clone()),
            ..u.clone()
        })
    })
    .await
}

/// The account of `username` (the operator names accounts by username).
pub async fn by_username(db: &Database, caller: &Caller, username: &str) -> Result<User> {
    caller.require(Role::Admin, WHAT)?;
    users::by_username(db, username).await?.ok_or_else(|| Error::not_found(format!("no account '{username}'")))
}

/// Disables an account: it can no longer sign in, and its sessions end at once.
pub async fn disable(db: &Database, caller: &Caller, username: &str) -> Result<User> {
    let user = by_username(db, caller, username).await?;
    users::update(db, &caller.actor(), user.id, |u| Ok::<_, Error>(User { active: false, ..u.clone() })).await
}

/// The refusal of a password for an account that signs in through the identity provider.
fn linked() -> Error {
    Error::validation(FieldErrors::single(
        "password",
        "linked",
        "the account signs in through the identity provider, which keeps its password; it has none here",
    ))
}

/// Sets an account's password (checked for strength); its sessions end at once.
pub async fn set_password(db: &Database, caller: &Caller, username: &str, password: &str) -> Result<User> {
    let user = by_username(db, caller, username).await?;
    if super::oidc::is_linked(&user) {
        return Err(linked());
    }
    passwords::check_strength(password).map_err(|m| Error::validation(FieldErrors::single("password", "weak", m)))?;
    let hash = hash(password.to_owned()).await?;
    users::update(db, &caller.actor(), user.id, |u| Ok::<_, Error>(User { password_hash: hash, ..u.clone() })).await
}
