//! `/api/v1/users`: people's accounts, managed by admins.

use chrono::{DateTime, Utc};
use intercoop_domain::FieldErrors;
use intercoop_persistence::users::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::Role;
use crate::passwords;

mod handlers;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_users)
        .service(handlers::create_user)
        .service(handlers::get_user)
        .service(handlers::patch_user);
}

/// An account, as admins see it (never its password).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The sign-in name, lower case.
    #[schema(pattern = "^[A-Za-z0-9._-]{2,64}$")]
    pub username: String,
    #[schema(max_length = 200, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")]
    pub display_name: String,
    #[schema(max_length = 254, pattern = "^[^\\s\\u0000@]*@[^\\s\\u0000]*$")]
    pub email: Option<String>,
    pub role: Role,
    /// The organisational unit the person works for; an editor changes only its records.
    pub unit: Option<String>,
    /// A disabled account cannot sign in, and its tokens stop working.
    pub active: bool,
}

impl From<User> for UserResponse {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            version: u.version,
            created_at: u.created_at,
            updated_at: u.updated_at,
            role: Role::parse(&u.role).unwrap_or(Role::Viewer),
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            unit: u.unit,
            active: u.active,
        }
    }
}

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

fn check_account(
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
