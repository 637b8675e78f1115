use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::users;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{NewUserRequest, UserChanges, UserResponse};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::{Body, ListQuery};
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::created;
use crate::routes::problems::{CreateProblems, GuardedGetProblems, GuardedListProblems, UpdateProblems};

/// The page of the account list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserListParams {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// List accounts, by username.
#[utoipa::path(
    tag = "auth",
    params(UserListParams),
    responses((status = 200, description = "One page of accounts", body = ListResponse<UserResponse>), GuardedListProblems)
)]
#[get("/users")]
pub async fn list_users(
    req: HttpRequest,
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<UserListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let result = users::list(&db, &auth, page).await?;
    let items: Vec<UserResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}

/// Create an account.
///
/// The password is stored as an argon2id hash and never shown again. A taken username is a 409.
#[utoipa::path(
    tag = "auth",
    request_body = NewUserRequest,
    responses(
        (status = 201, description = "Created", body = UserResponse,
            headers(("Location" = String, description = "The new account's URL"))),
        CreateProblems,
    )
)]
#[post("/users")]
pub async fn create_user(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    Body(request): Body<NewUserRequest>,
) -> ApiResult<HttpResponse> {
    let user = users::create(&db, &auth, request).await?;
    let body = UserResponse::from(user);
    Ok(created(format!("/api/v1/users/{}", body.id), body.version, &body))
}

/// Get an account.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, description = "The account", body = UserResponse), GuardedGetProblems)
)]
#[get("/users/{id}")]
pub async fn get_user(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let body = UserResponse::from(users::get(&db, &auth, id.into_inner()).await?);
    Ok(ok(body.version, &body))
}

/// Change an account: name, e-mail, role, unit, enabled, password.
///
/// A JSON merge patch of `display_name`, `email`, `role`, `unit`, `active` and `password`. Disabling an account
/// (`"active": false`) stops its tokens at once.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "The account's id"), IfMatchHeader),
    request_body(content = UserChanges, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"active": false})),
    responses((status = 200, description = "The account as now stored", body = UserResponse), UpdateProblems)
)]
#[patch("/users/{id}")]
pub async fn patch_user(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let user = users::change(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
    let body = UserResponse::from(user);
    Ok(ok(body.version, &body))
}
