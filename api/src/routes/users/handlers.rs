use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use intercoop_persistence::users::{self, NewUser, User};
use intercoop_persistence::{Database, RepoError};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{NewUserRequest, UserChanges, UserResponse, check_account};
use crate::auth::{Admin, Authorized};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Body, ListQuery};
use crate::pagination::{ListResponse, list_response, page_request};
use crate::passwords;
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::created;
use crate::routes::problems::{CreateProblems, GuardedGetProblems, GuardedListProblems, UpdateProblems};
use intercoop_operations::records::merge_patch;

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
    _auth: Authorized<Admin>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<UserListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let result = users::list(&db, page).await?;
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
    check_account(Some(&request.username), &request.display_name, request.email.as_deref(), Some(&request.password))?;
    let password = request.password.clone();
    let hash = web::block(move || passwords::hash(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let new = NewUser {
        username: request.username,
        email: request.email,
        display_name: request.display_name,
        role: request.role.as_str().into(),
        unit: request.unit.filter(|u| !u.trim().is_empty()),
        password_hash: hash,
    };
    let user = users::create(&db, &auth.actor(), new).await?;
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
    _auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let body = UserResponse::from(users::get(&db, id.into_inner()).await?);
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
    let id = id.into_inner();
    let current = users::get(&db, id).await?;
    pre.if_match().check(current.version)?;
    let editable = UserChanges {
        display_name: current.display_name.clone(),
        email: current.email.clone(),
        role: crate::auth::Role::parse(&current.role).unwrap_or(crate::auth::Role::Viewer),
        unit: current.unit.clone(),
        active: current.active,
        password: None,
    };
    let changes: UserChanges = merge_patch(&editable, patch)?;
    check_account(None, &changes.display_name, changes.email.as_deref(), changes.password.as_deref())?;
    let hash = match changes.password.clone() {
        Some(password) => Some(
            web::block(move || passwords::hash(&password))
                .await
                .map_err(ApiError::internal)?
                .map_err(ApiError::internal)?,
        ),
        None => None,
    };
    let user = users::update(&db, &auth.actor(), id, |u| {
        if u.version != current.version {
            return Err(ApiError::from(RepoError::Conflict("the account changed meanwhile; read it again".into())));
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
    .await?;
    let body = UserResponse::from(user);
    Ok(ok(body.version, &body))
}
