//! Webhook subscriptions and their deliveries. A change writes one delivery per matching active subscription in
//! its own transaction (the outbox); workers claim due deliveries, on PostgreSQL with `FOR UPDATE SKIP LOCKED`
//! so that each is sent by one worker, and hold them on a lease so that a worker that dies gives them back.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DbBackend, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::audit::{self, Action, Actor, Change};
use crate::changes::ChangeEntry;
use crate::entities::webhook_delivery as delivery;
use crate::entities::webhook_subscription as subscription;
use crate::support::{Page, PageRequest, from_json, now};
use crate::{Database, RepoError};

const KIND: &str = "webhook";
/// How many attempts a delivery's log keeps.
const LOG_LENGTH: usize = 20;

/// A subscription as its owner sees it (without its secret).
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub content: SubscriptionContent,
}

/// What an admin sets on a subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionContent {
    pub url: String,
    /// Event types (`activity.created`) or patterns (`activity.*`, `*.deleted`, `*`).
    pub event_types: Vec<String>,
    pub active: bool,
    pub description: Option<String>,
}

/// Whether `event_type` is one of `patterns`.
pub fn matches(patterns: &[String], event_type: &str) -> bool {
    let (record, what) = event_type.split_once('.').unwrap_or((event_type, ""));
    patterns.iter().any(|p| match p.split_once('.') {
        _ if p == "*" => true,
        Some((r, w)) => (r == "*" || r == record) && (w == "*" || w == what),
        None => false,
    })
}

fn subscription_from(m: subscription::Model) -> Result<Subscription, RepoError> {
    Ok(Subscription {
        id: m.id,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        content: SubscriptionContent {
            url: m.url,
            event_types: from_json(m.event_types, "webhook event types")?,
            active: m.active,
            description: m.description,
        },
    })
}

fn content_json(c: &SubscriptionContent) -> Value {
    json!({"url": c.url, "event_types": c.event_types, "active": c.active, "description": c.description})
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    content: SubscriptionContent,
    secret: String,
) -> Result<Subscription, RepoError> {
    db.write(async |txn| {
        let now = now();
        let model = subscription::Model {
            id: Uuid::now_v7(),
            version: 1,
            created_at: now,
            updated_at: now,
            url: content.url.clone(),
            event_types: json!(content.event_types),
            secret,
            active: content.active,
            description: content.description.clone(),
        };
        let model = model.into_active_model().insert(txn).await?;
        let record = Change {
            action: Action::Create,
            record_type: KIND,
            record_id: model.id,
            version: Some(1),
            before: None,
            after: Some(content_json(&content)),
            actor,
        };
        audit::write(txn, record).await?;
        subscription_from(model)
    })
    .await
}

pub async fn list(db: &Database, page: PageRequest) -> Result<Page<Subscription>, RepoError> {
    let query = subscription::Entity::find();
    let total = query.clone().count(db.connection()).await?;
    let models = query
        .order_by_asc(subscription::Column::CreatedAt)
        .order_by_asc(subscription::Column::Id)
        .limit(page.limit)
        .offset(page.offset)
        .all(db.connection())
        .await?;
    Ok(Page { total, items: models.into_iter().map(subscription_from).collect::<Result<_, _>>()? })
}

pub async fn get(db: &Database, id: Uuid) -> Result<Subscription, RepoError> {
    let model = subscription::Entity::find_by_id(id).one(db.connection()).await?;
    subscription_from(model.ok_or(RepoError::NotFound { kind: KIND, id })?)
}

/// Replaces the content with what `change` makes of the current subscription, and the secret when it gives one.
pub async fn update<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    change: impl FnOnce(&Subscription) -> Result<(SubscriptionContent, Option<String>), E>,
) -> Result<Subscription, E> {
    db.write(async |txn| {
        let model = subscription::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await
            .map_err(RepoError::from)?
            .ok_or(RepoError::NotFound { kind: KIND, id })?;
        let current = subscription_from(model.clone())?;
        let (content, secret) = change(&current)?;
        let mut active = model.into_active_model();
        active.version = Set(current.version + 1);
        active.updated_at = Set(now());
        active.url = Set(content.url.clone());
        active.event_types = Set(json!(content.event_types));
        active.active = Set(content.active);
        active.description = Set(content.description.clone());
        let mut after = content_json(&content);
        if let Some(secret) = secret {
            active.secret = Set(secret);
            after["secret"] = json!("(rotated)");
        }
        let model = active.update(txn).await.map_err(RepoError::from)?;
        let record = Change {
            action: Action::Update,
            record_type: KIND,
            record_id: id,
            version: Some(model.version),
            before: Some(content_json(&current.content)),
            after: Some(after),
            actor,
        };
        audit::write(txn, record).await?;
        Ok(subscription_from(model)?)
    })
    .await
}

/// Deletes the subscription with its deliveries, if `allow` agrees after seeing it.
pub async fn delete<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    allow: impl FnOnce(&Subscription) -> Result<(), E>,
) -> Result<(), E> {
    db.write(async |txn| {
        let current = subscription::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await
            .map_err(RepoError::from)?
            .ok_or(RepoError::NotFound { kind: KIND, id })?;
        let current = subscription_from(current)?;
        allow(&current)?;
        delivery::Entity::delete_many()
            .filter(delivery::Column::SubscriptionId.eq(id))
            .exec(txn)
            .await
            .map_err(RepoError::from)?;
        subscription::Entity::delete_by_id(id).exec(txn).await.map_err(RepoError::from)?;
        let record = Change {
            action: Action::Delete,
            record_type: KIND,
            record_id: id,
            version: None,
            before: Some(content_json(&current.content)),
            after: None,
            actor,
        };
        Ok(audit::write(txn, record).await?)
    })
    .await
}

/// The webhook message of a change, as the Standard Webhooks specification shapes it.
pub fn message(change: &ChangeEntry) -> Value {
    json!({
        "type": change.event_type(),
        "timestamp": change.at,
        "data": {
            "cursor": change.cursor.to_string(),
            "type": change.record_type,
            "id": change.record_id,
            "version": change.version,
            "action": change.action,
            "at": change.at,
            "deleted": change.record.is_none(),
            "record": change.record,
        }
    })
}

/// How many times a transaction of this process has queued webhook deliveries: a write that moves it wakes the
/// delivery worker when it commits, and other writes leave the worker asleep.
static QUEUED: AtomicU64 = AtomicU64::new(0);

/// The count of [`QUEUED`] now.
pub(crate) fn queued() -> u64 {
    QUEUED.load(Ordering::SeqCst)
}

fn mark_queued() {
    QUEUED.fetch_add(1, Ordering::SeqCst);
}

/// Queues the change for every active subscription that wants it, inside the change's transaction.
pub(crate) async fn fan_out(txn: &sea_orm::DatabaseTransaction, change: &ChangeEntry) -> Result<(), RepoError> {
    let subscriptions = subscription::Entity::find().filter(subscription::Column::Active.eq(true)).all(txn).await?;
    let event_type = change.event_type();
    let mut payload = None;
    for s in subscriptions {
        let patterns: Vec<String> = from_json(s.event_types, "webhook event types")?;
        if !matches(&patterns, &event_type) {
            continue;
        }
        let payload = payload.get_or_insert_with(|| message(change).to_string()).clone();
        delivery::Model {
            id: Uuid::now_v7(),
            subscription_id: s.id,
            change_seq: change.cursor.seq(),
            event_type: event_type.clone(),
            record_type: change.record_type.clone(),
            record_id: change.record_id,
            payload,
            status: DeliveryStatus::Pending.as_str().to_owned(),
            attempts: 0,
            next_attempt_at: change.at.timestamp_millis(),
            leased_until: None,
            last_status: None,
            last_error: None,
            attempt_log: json!([]),
            created_at: change.at,
            delivered_at: None,
        }
        .into_active_model()
        .insert(txn)
        .await?;
        mark_queued();
    }
    Ok(())
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Not yet accepted by the receiver; tried again at `next_attempt_at`.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed; only a redelivery sends it again.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed].into_iter().find(|s| s.as_str() == text)
    }
}

/// A delivery as the delivery log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Also the `webhook-id` header, the same on every attempt.
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub event_type: String,
    pub record_type: String,
    pub record_id: Uuid,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// The latest attempts: `[{"at", "status", "error", "duration_ms"}]`.
    pub attempt_log: Value,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The message sent.
    pub payload: Value,
}

fn delivery_from(m: delivery::Model) -> Result<Delivery, RepoError> {
    let status = DeliveryStatus::parse(&m.status)
        .ok_or_else(|| RepoError::Internal(anyhow::anyhow!("stored delivery status '{}' is unknown", m.status)))?;
    Ok(Delivery {
        id: m.id,
        subscription_id: m.subscription_id,
        event_type: m.event_type,
        record_type: m.record_type,
        record_id: m.record_id,
        status,
        attempts: m.attempts,
        next_attempt_at: (status == DeliveryStatus::Pending)
            .then(|| Utc.timestamp_millis_opt(m.next_attempt_at).single())
            .flatten(),
        last_status: m.last_status,
        last_error: m.last_error,
        attempt_log: m.attempt_log,
        created_at: m.created_at,
        delivered_at: m.delivered_at,
        payload: serde_json::from_str(&m.payload).unwrap_or(Value::String(m.payload)),
    })
}

/// A subscription's deliveries, the latest first.
pub async fn deliveries(
    db: &Database,
    subscription_id: Uuid,
    status: Option<DeliveryStatus>,
    page: PageRequest,
) -> Result<Page<Delivery>, RepoError> {
    get(db, subscription_id).await?;
    let mut query = delivery::Entity::find().filter(delivery::Column::SubscriptionId.eq(subscription_id));
    if let Some(status) = status {
        query = query.filter(delivery::Column::Status.eq(status.as_str()));
    }
    let total = query.clone().count(db.connection()).await?;
    let models = query
        .order_by_desc(delivery::Column::ChangeSeq)
        .order_by_desc(delivery::Column::Id)
        .limit(page.limit)
        .offset(page.offset)
        .all(db.connection())
        .await?;
    Ok(Page { total, items: models.into_iter().map(delivery_from).collect::<Result<_, _>>()? })
}

/// Sends a delivery again, whatever became of it, with a fresh count of attempts.
pub async fn redeliver(db: &Database, subscription_id: Uuid, id: Uuid) -> Result<Delivery, RepoError> {
    db.write(async |txn| {
        let model = delivery::Entity::find_by_id(id)
            .filter(delivery::Column::SubscriptionId.eq(subscription_id))
            .lock_exclusive()
            .one(txn)
            .await?
            .ok_or(RepoError::NotFound { kind: "webhook delivery", id })?;
        let mut active = model.into_active_model();
        active.status = Set(DeliveryStatus::Pending.as_str().to_owned());
        active.attempts = Set(0);
        active.next_attempt_at = Set(Utc::now().timestamp_millis());
        active.delivered_at = Set(None);
        let delivery = delivery_from(active.update(txn).await?);
        mark_queued();
        delivery
    })
    .await
}

/// A delivery a worker has claimed: where to send what, and with which secret.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: Uuid,
    pub url: String,
    pub secret: String,
    pub payload: String,
    /// 1 for the first attempt.
    pub attempt: i32,
}

/// Removes the delivered and failed deliveries made before `before`; returns how many.
pub async fn purge(db: &Database, before: DateTime<Utc>) -> Result<u64, RepoError> {
    db.write(async |txn| {
        let done = [DeliveryStatus::Delivered.as_str(), DeliveryStatus::Failed.as_str()];
        let result = delivery::Entity::delete_many()
            .filter(delivery::Column::Status.is_in(done))
            .filter(delivery::Column::CreatedAt.lt(before))
            .exec(txn)
            .await?;
        Ok(result.rows_affected)
    })
    .await
}

/// Whether any delivery may be due now (a cheap read before claiming in a write transaction).
pub async fn has_due(db: &Database) -> Result<bool, RepoError> {
    let due = delivery::Entity::find().filter(due(Utc::now().timestamp_millis())).one(db.connection()).await?;
    Ok(due.is_some())
}

/// Pending, its next attempt due, and no worker holding it.
fn due(now_ms: i64) -> Condition {
    use delivery::Column;
    Condition::all()
        .add(Column::Status.eq(DeliveryStatus::Pending.as_str()))
        .add(Column::NextAttemptAt.lte(now_ms))
        .add(Condition::any().add(Column::LeasedUntil.is_null()).add(Column::LeasedUntil.lte(now_ms)))
}

/// Claims up to `limit` due deliveries for `lease_ms`: the oldest first, and of one record at most the oldest not
/// yet delivered, so that a subscriber receives each record's changes in order.
pub async fn claim(db: &Database, lease_ms: i64, limit: u64) -> Result<Vec<Claimed>, RepoError> {
    use delivery::Column;
    db.write(async |txn| {
        let now_ms = Utc::now().timestamp_millis();
        let mut query = delivery::Entity::find()
            .select_only()
            .column(Column::Id)
            .filter(due(now_ms))
            .filter(Expr::cust(
                "NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = \
                 webhook_deliveries.subscription_id AND e.record_id = webhook_deliveries.record_id AND \
                 e.status = 'pending' AND e.change_seq < webhook_deliveries.change_seq)",
            ))
            .filter(Expr::cust(
                "EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = webhook_deliveries.subscription_id \
                 AND s.active)",
            ))
            .order_by_asc(Column::ChangeSeq)
            .limit(limit);
        if db.backend() == DbBackend::Postgres {
            query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let ids: Vec<Uuid> = query.into_tuple().all(txn).await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        delivery::Entity::update_many()
            .col_expr(Column::LeasedUntil, Expr::value(now_ms + lease_ms))
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .filter(Column::Id.is_in(ids.clone()))
            .exec(txn)
            .await?;
        let rows =
            delivery::Entity::find().filter(Column::Id.is_in(ids)).order_by_asc(Column::ChangeSeq).all(txn).await?;
        let subscription_ids: Vec<Uuid> = rows.iter().map(|r| r.subscription_id).collect();
        let subscriptions =
            subscription::Entity::find().filter(subscription::Column::Id.is_in(subscription_ids)).all(txn).await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let s = subscriptions.iter().find(|s| s.id == row.subscription_id)?;
                Some(Claimed {
                    id: row.id,
                    url: s.url.clone(),
                    secret: s.secret.clone(),
                    payload: row.payload,
                    attempt: row.attempts,
                })
            })
            .collect())
    })
    .await
}

/// What one attempt to deliver came to.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status, if it answered.
    pub status: Option<u16>,
    /// Why the attempt failed, if it did.
    pub error: Option<String>,
    pub duration_ms: u64,
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// Records an attempt: delivered, to be retried at `retry_at_ms`, or (with none) given up.
pub async fn finish(db: &Database, id: Uuid, attempt: &Attempt, retry_at_ms: Option<i64>) -> Result<(), RepoError> {
    db.write(async |txn| {
        let Some(model) = delivery::Entity::find_by_id(id).lock_exclusive().one(txn).await? else {
            return Ok(());
        };
        let mut log = match &model.attempt_log {
            Value::Array(items) => items.clone(),
            _ => Vec::new(),
        };
        log.push(json!({
            "at": attempt.at,
            "status": attempt.status,
            "error": attempt.error,
            "duration_ms": attempt.duration_ms,
        }));
        if log.len() > LOG_LENGTH {
            log.drain(..log.len() - LOG_LENGTH);
        }
        let mut active = model.into_active_model();
        let status = match (attempt.succeeded(), retry_at_ms) {
            (true, _) => {
                active.delivered_at = Set(Some(attempt.at));
                DeliveryStatus::Delivered
            }
            (false, Some(at)) => {
                active.next_attempt_at = Set(at);
                DeliveryStatus::Pending
            }
            (false, None) => DeliveryStatus::Failed,
        };
        active.status = Set(status.as_str().to_owned());
        active.leased_until = Set(None);
        active.last_status = Set(attempt.status.map(i32::from));
        active.last_error = Set(attempt.error.clone());
        active.attempt_log = Set(Value::Array(log));
        active.update(txn).await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_record_types_and_actions() {
        let p = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(matches(&p(&["*"]), "activity.created"));
        assert!(matches(&p(&["activity.*"]), "activity.published"));
        assert!(matches(&p(&["*.deleted"]), "grant.deleted"));
        assert!(matches(&p(&["partner.updated", "grant.created"]), "grant.created"));
        assert!(!matches(&p(&["activity.*"]), "partner.created"));
        assert!(!matches(&p(&["*.deleted"]), "grant.created"));
        assert!(!matches(&p(&[]), "grant.created"));
    }
}
