//! Webhook subscriptions, managed by admins: where events are POSTed, which ones, and the signing secret; the
//! log of deliveries, and sending one again.

use base64::Engine;
use intercoop_domain::{FieldErrors, Role};
use intercoop_persistence::webhooks;
pub use intercoop_persistence::webhooks::{Delivery, DeliveryStatus, Subscription, SubscriptionContent};
use intercoop_persistence::{Page, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::targets::TargetPolicy;
use crate::trail::{ACTIONS, RECORD_TYPES, event_type};
use crate::{Caller, Database, Error, IfMatch, Result};

const WHAT: &str = "managing webhooks";

/// What an admin sets on a subscription.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"url": "https://portal.example.org/hooks/intercoop", "event_types": ["activity.*", "partner.published"], "active": true, "description": "The city website"}))]
pub struct WebhookContent {
    /// Where the events are POSTed: an `http` or `https` URL.
    #[schema(example = "https://portal.example.org/hooks/intercoop")]
    pub url: String,
    /// The events to send: `{type}.{what}` with type `programme`, `section`, `measure`, `activity`, `partner`,
    /// `grant` or `agreement`, and what `created`, `updated`, `deleted`, `submitted`, `returned`, `published`,
    /// `withdrawn` or `reopened`; either part may be `*`, and `*` alone means every event.
    #[schema(example = json!(["activity.*", "partner.published"]))]
    pub event_types: Vec<String>,
    /// A paused subscription (false) is sent nothing, and gets no events for the changes made while paused.
    #[serde(default = "yes")]
    pub active: bool,
    /// What the subscription is for.
    #[serde(default)]
    pub description: Option<String>,
}

fn yes() -> bool {
    true
}

/// A new subscription.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"url": "https://portal.example.org/hooks/intercoop", "event_types": ["*"], "description": "The city website"}))]
pub struct NewWebhook {
    #[serde(flatten)]
    pub content: WebhookContent,
    /// The signing secret, `whsec_` and the base64 of 24 to 64 random bytes; one is made when left out.
    #[serde(default)]
    pub secret: Option<String>,
}

/// A new signing secret: `whsec_` and 32 random bytes in base64.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn valid_secret(secret: &str) -> bool {
    secret
        .strip_prefix("whsec_")
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .is_some_and(|key| (24..=64).contains(&key.len()))
}

fn valid_pattern(pattern: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let Some((record, what)) = pattern.split_once('.') else { return false };
    (record == "*" || RECORD_TYPES.contains(&record))
        && (what == "*" || ACTIONS.iter().any(|a| event_type("x", a) == format!("x.{what}")))
}

/// Checks a subscription's content (and a secret given with it) and returns it in stored form.
pub fn check(
    content: WebhookContent,
    secret: Option<&str>,
    targets: &TargetPolicy,
) -> Result<SubscriptionContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let url = content.url;
    let parsed = intercoop_domain::validation::web_url(&url).ok().and_then(|()| reqwest::Url::parse(&url).ok());
    match parsed {
        Some(u) if u.host().is_some() && url.chars().count() <= 2000 => {
            if let Err(refused) = targets.check_url(&u) {
                errors.add("url", "target_not_allowed", refused);
            }
        }
        _ => errors.add(
            "url",
            "invalid",
            "must be an absolute http or https URL with no white space, of at most 2000 characters",
        ),
    }
    if content.event_types.is_empty() {
        errors.add("event_types", "length", "name at least one event type, or \"*\" for all");
    }
    for (i, p) in content.event_types.iter().enumerate() {
        if !valid_pattern(p) {
            errors.add(
                format!("event_types[{i}]"),
                "invalid",
                format!("'{p}' is not an event type such as activity.created, activity.* or *.deleted"),
            );
        }
    }
    let description = content.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
    if description.as_ref().is_some_and(|d| d.chars().count() > 500) {
        errors.add("description", "length", "must have at most 500 characters");
    }
    if let Some(secret) = secret
        && !valid_secret(secret)
    {
        errors.add("secret", "invalid", "must be whsec_ and the base64 of 24 to 64 bytes");
    }
    errors.into_result()?;
    let mut event_types = content.event_types;
    event_types.dedup();
    Ok(SubscriptionContent { url, event_types, active: content.active, description })
}

/// The subscriptions.
pub async fn list(db: &Database, caller: &Caller, page: PageRequest) -> Result<Page<Subscription>> {
    caller.require(Role::Admin, WHAT)?;
    Ok(webhooks::list(db, page).await?)
}

/// A subscription.
pub async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<Subscription> {
    caller.require(Role::Admin, WHAT)?;
    Ok(webhooks::get(db, id).await?)
}

/// Subscribes a URL the target policy allows, with the secret given or a new one; returns the secret.
pub async fn create(
    db: &Database,
    caller: &Caller,
    targets: &TargetPolicy,
    request: NewWebhook,
) -> Result<(Subscription, String)> {
    caller.require(Role::Admin, WHAT)?;
    let content = check(request.content, request.secret.as_deref(), targets)?;
    let secret = request.secret.unwrap_or_else(new_secret);
    Ok((webhooks::create(db, &caller.actor(), content, secret.clone()).await?, secret))
}

/// Changes a subscription by a JSON merge patch of [`WebhookContent`].
pub async fn change(
    db: &Database,
    caller: &Caller,
    targets: &TargetPolicy,
    id: Uuid,
    if_match: &IfMatch,
    patch: serde_json::Value,
) -> Result<Subscription> {
    caller.require(Role::Admin, WHAT)?;
    webhooks::update(db, &caller.actor(), id, |current| {
        if_match.check(current.version)?;
        let c = &current.content;
        let editable = WebhookContent {
            url: c.url.clone(),
            event_types: c.event_types.clone(),
            active: c.active,
            description: c.description.clone(),
        };
        let changed: WebhookContent = crate::records::merge_patch(&editable, patch)?;
        Ok::<_, Error>((check(changed, None, targets)?, None))
    })
    .await
}

/// Gives a subscription a new signing secret, returned this once.
pub async fn rotate_secret(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    if_match: &IfMatch,
) -> Result<(Subscription, String)> {
    caller.require(Role::Admin, WHAT)?;
    let secret = new_secret();
    let subscription = webhooks::update(db, &caller.actor(), id, |current| {
        if_match.check(current.version)?;
        Ok::<_, Error>((current.content.clone(), Some(secret.clone())))
    })
    .await?;
    Ok((subscription, secret))
}

/// Ends a subscription; its deliveries go with it.
pub async fn delete(db: &Database, caller: &Caller, id: Uuid, if_match: &IfMatch) -> Result<()> {
    caller.require(Role::Admin, WHAT)?;
    webhooks::delete(db, &caller.actor(), id, |current| if_match.check(current.version)).await
}

/// A subscription's deliveries, newest first, of one status or all.
pub async fn deliveries(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    status: Option<DeliveryStatus>,
    page: PageRequest,
) -> Result<Page<Delivery>> {
    caller.require(Role::Admin, WHAT)?;
    Ok(webhooks::deliveries(db, id, status, page).await?)
}

/// Sends a delivery again, as a new one due now.
pub async fn redeliver(db: &Database, caller: &Caller, id: Uuid, delivery_id: Uuid) -> Result<Delivery> {
    caller.require(Role::Admin, WHAT)?;
    Ok(webhooks::redeliver(db, id, delivery_id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_name_known_types_and_events() {
        for good in ["*", "activity.*", "*.deleted", "partner.published", "grant.reopened"] {
            assert!(valid_pattern(good), "{good}");
        }
        for bad in ["", "activity", "activity.create", "user.created", "*.*.*", "activity.", ".created"] {
            assert!(!valid_pattern(bad), "{bad}");
        }
    }

    #[test]
    fn generated_secrets_are_valid() {
        assert!(valid_secret(&new_secret()));
        assert!(!valid_secret("whsec_c2hvcnQ="));
        assert!(!valid_secret("secret"));
    }
}
