//! `/api/v1/webhooks`: subscriptions of other systems to the changes of the records, signed as the Standard
//! Webhooks specification describes, with a delivery log per subscription. Admins only.

use chrono::{DateTime, Utc};
use intercoop_operations::webhooks::subscriptions::{Delivery, Subscription};
pub use intercoop_operations::webhooks::subscriptions::{NewWebhook, WebhookContent};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

mod create;
mod deliveries;
mod event;
mod manage;

pub use event::{WebhookContract, WebhookEvent};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(manage::list_webhooks)
        .service(create::create_webhook)
        .service(manage::get_webhook)
        .service(manage::patch_webhook)
        .service(manage::delete_webhook)
        .service(manage::rotate_webhook_secret)
        .service(deliveries::list_webhook_deliveries)
        .service(deliveries::redeliver_webhook);
}

/// A subscription (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: Uuid,
    /// Grows by one with every change.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub content: WebhookContent,
}

impl From<Subscription> for WebhookResponse {
    fn from(s: Subscription) -> Self {
        let c = s.content;
        Self {
            id: s.id,
            version: s.version,
            created_at: s.created_at,
            updated_at: s.updated_at,
            content: WebhookContent {
                url: c.url,
                event_types: c.event_types,
                active: c.active,
                description: c.description,
            },
        }
    }
}

/// A subscription with its signing secret, shown on creation and on rotation only.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    pub webhook: WebhookResponse,
    /// The secret the receiver verifies `webhook-signature` with (Standard Webhooks: HMAC-SHA256 of
    /// `{webhook-id}.{webhook-timestamp}.{body}` with the base64-decoded part after `whsec_`).
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// One event sent (or to be sent) to a subscription.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a4d2-9b20-7d11-8c3e-5b1f2a9e0c77", "subscription_id": "0193a4d0-1c00-7a00-8000-2c5e1d3f4a5b",
    "event_type": "partner.created", "record_type": "partner", "record_id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a",
    "status": "delivered", "attempts": 2, "next_attempt_at": null, "last_status": 204, "last_error": null,
    "attempt_log": [
        {"at": "2026-11-25T10:15:00.120Z", "status": 500, "error": "the receiver answered 500 Internal Server Error", "duration_ms": 31},
        {"at": "2026-11-25T10:15:05.160Z", "status": 204, "error": null, "duration_ms": 12}
    ],
    "created_at": "2026-11-25T10:15:00.100Z", "delivered_at": "2026-11-25T10:15:05.160Z",
    "payload": {"type": "partner.created", "timestamp": "2026-11-25T10:15:00.100Z", "data": {"type": "partner", "action": "create"}}
}))]
pub struct DeliveryResponse {
    /// Also the `webhook-id` header, the same on every attempt, for the receiver to drop duplicates.
    pub id: Uuid,
    pub subscription_id: Uuid,
    /// `activity.created`, `partner.published`...
    pub event_type: String,
    pub record_type: String,
    pub record_id: Uuid,
    /// `pending` (to be tried at `next_attempt_at`), `delivered` (the receiver answered 2xx) or `failed` (every
    /// attempt failed; only a redelivery sends it again).
    #[schema(example = "delivered")]
    pub status: String,
    /// How many attempts were made.
    pub attempts: i32,
    /// When the next attempt is due (pending deliveries only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt, if it answered.
    pub last_status: Option<i32>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// The latest attempts, oldest first: `at`, `status`, `error`, `duration_ms`.
    #[schema(value_type = Vec<Object>)]
    pub attempt_log: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The message sent: `type`, `timestamp` and `data` (the change, as `GET /api/v1/changes` shows it).
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
}

impl From<Delivery> for DeliveryResponse {
    fn from(d: Delivery) -> Self {
        Self {
            id: d.id,
            subscription_id: d.subscription_id,
            event_type: d.event_type,
            record_type: d.record_type,
            record_id: d.record_id,
            status: d.status.as_str().to_owned(),
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            last_status: d.last_status,
            last_error: d.last_error,
            attempt_log: d.attempt_log,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            payload: d.payload,
        }
    }
}
