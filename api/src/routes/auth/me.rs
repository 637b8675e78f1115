use actix_web::{HttpResponse, get, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::users;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{Authorized, Role, Viewer};
use crate::http::error::ApiResult;
use crate::routes::problems::GuardedGetProblems;

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The token's subject: a username, or the name a token was issued to.
    pub subject: String,
    pub role: Role,
    /// The organisational unit, when the token names one.
    pub unit: Option<String>,
    /// The signed-in account, when there is one behind the token.
    pub account: Option<Account>,
}

/// A person's account, as its holder sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
}

/// Who am I?
///
/// The caller as its token says, and its account when it signed in with a password.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The caller", body = Me), GuardedGetProblems)
)]
#[get("/me")]
pub async fn me(auth: Authorized<Viewer>, db: web::Data<Database>) -> ApiResult<HttpResponse> {
    let account = users::own(&db, &auth).await?.map(|u| Account {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        email: u.email,
    });
    Ok(HttpResponse::Ok().json(Me {
        subject: auth.caller.subject.clone().unwrap_or_default(),
        role: auth.role(),
        unit: auth.caller.unit.clone(),
        account,
    }))
}
