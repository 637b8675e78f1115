//! The contract's description of what intercoop sends to a subscriber (an OpenAPI 3.1 `webhooks` entry).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::openapi::path::{OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::{
    ContentBuilder, HttpMethod, ObjectBuilder, PathItem, PathsBuilder, Ref, Required, ResponseBuilder, Type,
};
use utoipa::{Modify, ToSchema};

use crate::routes::changes::ChangeResponse;

/// The body of every webhook request, as the Standard Webhooks specification shapes it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "activity.published", "timestamp": "2026-11-25T10:15:00Z",
    "data": {"cursor": "1042_318", "type": "activity", "id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "version": 2,
        "action": "publish", "at": "2026-11-25T10:15:00Z", "deleted": false,
        "record": {"id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "version": 2, "publication": "published",
            "title": {"uk": "Візит делегації", "en": "Visit of a delegation"}}}
}))]
pub struct WebhookEvent {
    /// `{record type}.{what happened}`: `activity.created`, `partner.published`, `grant.deleted`...
    #[serde(rename = "type")]
    pub event_type: String,
    /// When the change was made.
    pub timestamp: DateTime<Utc>,
    /// The change, exactly as the change feed (`GET /api/v1/changes`) shows it.
    pub data: ChangeResponse,
}

/// Adds the `change` webhook to the contract.
pub struct WebhookContract;

fn header(name: &str, description: &str, example: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String).examples([example])))
        .build()
}

impl Modify for WebhookContract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let body = RequestBodyBuilder::new()
            .content(
                "application/json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("WebhookEvent"))).build(),
            )
            .required(Some(Required::True))
            .build();
        let operation = OperationBuilder::new()
            .operation_id(Some("change_event"))
            .summary(Some("A change to a record, POSTed to each subscription that names its event type."))
            .description(Some(
                "Verify `webhook-signature` before trusting the body: it is `v1,` and the base64 HMAC-SHA256 of \
                 `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part of the subscription's \
                 secret after `whsec_`. Refuse timestamps more than five minutes off. Answer 2xx within 10 seconds; \
                 any other answer, or none, is retried with exponential backoff (by default 15 attempts over about \
                 five hours). An event may arrive more than once: drop repeated `webhook-id`s. Each record's events \
                 arrive in order.",
            ))
            .tag("webhook-events")
            .parameter(header(
                "webhook-id",
                "The event's id, the same on every attempt",
                "0193a4d2-9b20-7d11-8c3e-5b1f2a9e0c77",
            ))
            .parameter(header("webhook-timestamp", "When this attempt was signed, in Unix seconds", "1764065700"))
            .parameter(header(
                "webhook-signature",
                "`v1,` and the base64 HMAC-SHA256 signature",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ))
            .request_body(Some(body))
            .response("2XX", ResponseBuilder::new().description("Received; the event is delivered").build())
            .response(
                "default",
                ResponseBuilder::new().description("Not received; the event is sent again later").build(),
            );
        let webhooks = PathsBuilder::new().path("change", PathItem::new(HttpMethod::Post, operation)).build();
        openapi.webhooks = Some(webhooks);
    }
}
