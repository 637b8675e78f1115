use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use intercoop_operations::Database;
use intercoop_operations::webhooks::subscriptions;
use intercoop_operations::webhooks::targets::TargetPolicy;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{WebhookContent, WebhookResponse, WebhookWithSecret};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::{Body, ListQuery};
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::{
    DeleteProblems, GuardedGetProblems, GuardedListProblems, TransitionProblems, UpdateProblems,
};

/// The page of the subscription list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WebhookListParams {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// List webhook subscriptions, the oldest first.
#[utoipa::path(
    tag = "webhooks",
    params(WebhookListParams),
    responses((status = 200, description = "One page of subscriptions", body = ListResponse<WebhookResponse>), GuardedListProblems)
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    req: HttpRequest,
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<WebhookListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let result = subscriptions::list(&db, &auth, page).await?;
    let items: Vec<WebhookResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}

/// Get a webhook subscription.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses((status = 200, description = "The subscription", body = WebhookResponse), GuardedGetProblems)
)]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let body = WebhookResponse::from(subscriptions::get(&db, &auth, id.into_inner()).await?);
    Ok(ok(body.version, &body))
}

/// Change a webhook subscription: URL, event types, paused or active, description.
///
/// A JSON merge patch. Pausing (`"active": false`) holds the deliveries already queued until it is active again.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id"), IfMatchHeader),
    request_body(content = WebhookContent, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"active": false})),
    responses((status = 200, description = "The subscription as now stored", body = WebhookResponse), UpdateProblems)
)]
#[patch("/webhooks/{id}")]
pub async fn patch_webhook(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    targets: web::Data<TargetPolicy>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let subscription = subscriptions::change(&db, &auth, &targets, id.into_inner(), pre.if_match(), patch).await?;
    let body = WebhookResponse::from(subscription);
    Ok(ok(body.version, &body))
}

/// Give a webhook subscription a new signing secret.
///
/// Events sent from now on are signed with the new secret, retries of earlier ones too. Answers the secret,
/// shown this once.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id"), IfMatchHeader),
    responses((status = 200, description = "The subscription with its new secret", body = WebhookWithSecret), TransitionProblems)
)]
#[post("/webhooks/{id}/secret")]
pub async fn rotate_webhook_secret(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (subscription, secret) = subscriptions::rotate_secret(&db, &auth, id.into_inner(), pre.if_match()).await?;
    let body = WebhookWithSecret { webhook: subscription.into(), secret };
    Ok(ok(body.webhook.version, &body))
}

/// Delete a webhook subscription with its delivery log; nothing more is sent to it.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    subscriptions::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
