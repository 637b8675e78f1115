//! `/api/v1/users`: people's accounts, managed by admins.

use chrono::{DateTime, Utc};
use intercoop_operations::accounts::users::User;
pub use intercoop_operations::accounts::users::{NewUserRequest, UserChanges};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::Role;

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
