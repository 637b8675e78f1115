use actix_web::{HttpResponse, post, web};
use intercoop_persistence::{Database, webhooks};

use super::{NewWebhook, WebhookWithSecret, check, new_secret};
use crate::auth::{Admin, Authorized};
use crate::error::ApiResult;
use crate::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;
use crate::webhooks::targets::TargetPolicy;

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
    let content = check(request.content, request.secret.as_deref(), &targets)?;
    let secret = request.secret.unwrap_or_else(new_secret);
    let subscription = webhooks::create(&db, &auth.actor(), content, secret.clone()).await?;
    let body = WebhookWithSecret { webhook: subscription.into(), secret };
    Ok(created(format!("/api/v1/webhooks/{}", body.webhook.id), body.webhook.version, &body))
}
