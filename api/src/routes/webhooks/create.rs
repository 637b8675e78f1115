use actix_web::{HttpResponse, post, web};
use intercoop_operations::Database;
use intercoop_operations::webhooks::subscriptions;
use intercoop_operations::webhooks::targets::TargetPolicy;

use super::{NewWebhook, WebhookWithSecret};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Subscribe a system to changes.
///
/// From now on every change whose event type the subscription names is POSTed to its URL as JSON
/// (`{"type", "timestamp", "data"}`, `data` being the change as `GET /api/v1/changes` shows it), with the Standard
/// Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of
/// `{id}.{timestamp}.{body}`). A 2xx answer within the timeout delivers the event; anything else is retried with
/// exponential backoff. Each record's events arrive in order. Answers the signing secret, shown this once.
#[utoipa::path(
    tag = "webhooks",
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Subscribed, with the signing secret", body = WebhookWithSecret,
            headers(("Location" = String, description = "The subscription's URL"))),
        CreateProblems,
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    targets: web::Data<TargetPolicy>,
    Body(request): Body<NewWebhook>,
) -> ApiResult<HttpResponse> {
    let (subscription, secret) = subscriptions::create(&db, &auth, &targets, request).await?;
    let body = WebhookWithSecret { webhook: subscription.into(), secret };
    Ok(created(format!("/api/v1/webhooks/{}", body.webhook.id), body.webhook.version, &body))
}
