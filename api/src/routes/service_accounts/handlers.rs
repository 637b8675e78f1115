use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::service_accounts;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{NewServiceAccount, ServiceAccountChanges, ServiceAccountResponse, ServiceAccountWithSecret};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::{Body, ListQuery};
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::created;
use crate::routes::problems::{
    CreateProblems, GuardedGetProblems, GuardedListProblems, TransitionProblems, UpdateProblems,
};

/// The page of the service account list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ServiceAccountListParams {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// List service accounts, by client id.
#[utoipa::path(
    tag = "auth",
    params(ServiceAccountListParams),
    responses((status = 200, description = "One page of service accounts", body = ListResponse<ServiceAccountResponse>), GuardedListProblems)
)]
#[get("/service-accounts")]
pub async fn list_service_accounts(
    req: HttpRequest,
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<ServiceAccountListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let result = service_accounts::list(&db, &auth, page).await?;
    let items: Vec<ServiceAccountResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}

/// Create a service account.
///
/// Answers the account with its `client_secret`, shown this once; it is stored only as a hash.
#[utoipa::path(
    tag = "auth",
    request_body = NewServiceAccount,
    responses(
        (status = 201, description = "Created, with its secret", body = ServiceAccountWithSecret,
            headers(("Location" = String, description = "The new account's URL"))),
        CreateProblems,
    )
)]
#[post("/service-accounts")]
pub async fn create_service_account(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    Body(request): Body<NewServiceAccount>,
) -> ApiResult<HttpResponse> {
    let (account, secret) = service_accounts::create(&db, &auth, request).await?;
    let body = ServiceAccountWithSecret { account: account.into(), client_secret: secret };
    Ok(created(format!("/api/v1/service-accounts/{}", body.account.id), body.account.version, &body))
}

/// Get a service account.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, description = "The account", body = ServiceAccountResponse), GuardedGetProblems)
)]
#[get("/service-accounts/{id}")]
pub async fn get_service_account(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let body = ServiceAccountResponse::from(service_accounts::get(&db, &auth, id.into_inner()).await?);
    Ok(ok(body.version, &body))
}

/// Change a service account: name, role, unit, scopes, enabled.
///
/// A JSON merge patch. Disabling it (`"active": false`) stops its tokens at once.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "The account's id"), IfMatchHeader),
    request_body(content = ServiceAccountChanges, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"active": false})),
    responses((status = 200, description = "The account as now stored", body = ServiceAccountResponse), UpdateProblems)
)]
#[patch("/service-accounts/{id}")]
pub async fn patch_service_account(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let account = service_accounts::change(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
    let body = ServiceAccountResponse::from(account);
    Ok(ok(body.version, &body))
}

/// Give a service account a new secret.
///
/// The old secret stops working at once; tokens issued with it live out their 15 minutes. Answers the new
/// secret, shown this once.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "The account's id"), IfMatchHeader),
    responses((status = 200, description = "The account with its new secret", body = ServiceAccountWithSecret), TransitionProblems)
)]
#[post("/service-accounts/{id}/secret")]
pub async fn rotate_service_account_secret(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (account, secret) = service_accounts::rotate_secret(&db, &auth, id.into_inner(), pre.if_match()).await?;
    let body = ServiceAccountWithSecret { account: account.into(), client_secret: secret };
    Ok(ok(body.account.version, &body))
}
