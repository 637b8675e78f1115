//! Idempotency keys: a POST sent with `Idempotency-Key` is answered once; a retry with the same key and body gets
//! the first answer again, and creates nothing. Keys are per caller and expire.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};
use serde_json::Value;

use crate::entities::idempotency_key::{Column, Entity, Model};
use crate::support::{now, to_micros};
use crate::{Database, RepoError};

/// The first answer to a request, kept for its retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub body: String,
    /// The headers worth replaying (`Location`, `ETag`, `Content-Type`), as a JSON object.
    pub headers: Value,
}

/// What to do with a request that carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: handle the request, then `complete` (or `release`) it.
    Fresh,
    /// The key was answered before: send this again.
    Replay(StoredAnswer),
    /// The key was used with a different request.
    Mismatch,
    /// The first request with the key is still being handled.
    InProgress,
}

/// Claims `key` for the caller's request, in one transaction. The claim is a lease: it lasts `lease` (longer
/// than any request may run), so that a key whose request died with its process (a crash, a kill) can be taken
/// again once the lease has run out, rather than staying "in progress" until the key expires.
pub async fn claim(
    db: &Database,
    scope: &str,
    key: &str,
    request_hash: &str,
    lease: Duration,
) -> Result<Claim, RepoError> {
    // Two first requests at once: the one whose insert loses the race is told the other is running.
    match try_claim(db, scope, key, request_hash, lease).await {
        Err(RepoError::Conflict(_)) => Ok(Claim::InProgress),
        other => other,
    }
}

async fn try_claim(
    db: &Database,
    scope: &str,
    key: &str,
    request_hash: &str,
    lease: Duration,
) -> Result<Claim, RepoError> {
    db.write(async |txn| {
        let existing = Entity::find()
            .filter(Column::Scope.eq(scope))
            .filter(Column::Key.eq(key))
            .lock_exclusive()
            .one(txn)
            .await?;
        if let Some(row) = existing {
            if row.expires_at > Utc::now() {
                return Ok(if row.request_hash != request_hash {
                    Claim::Mismatch
                } else {
                    match row.status {
                        None => Claim::InProgress,
                        Some(status) => Claim::Replay(StoredAnswer {
                            status: status as u16,
                            body: row.body.unwrap_or_default(),
                            headers: row.headers.unwrap_or(Value::Null),
                        }),
                    }
                });
            }
            Entity::delete_many().filter(Column::Scope.eq(scope)).filter(Column::Key.eq(key)).exec(txn).await?;
        }
        let now = now();
        Model {
            scope: scope.to_owned(),
            key: key.to_owned(),
            request_hash: request_hash.to_owned(),
            status: None,
            body: None,
            headers: None,
            created_at: now,
            expires_at: now + lease,
        }
        .into_active_model()
        .insert(txn)
        .await?;
        Ok(Claim::Fresh)
    })
    .await
}

/// Keeps the answer to a claimed key, until `expires_at`.
pub async fn complete(
    db: &Database,
    scope: &str,
    key: &str,
    answer: &StoredAnswer,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    db.write(async |txn| {
        Entity::update_many()
            .col_expr(Column::Status, sea_orm::sea_query::Expr::value(i32::from(answer.status)))
            .col_expr(Column::Body, sea_orm::sea_query::Expr::value(answer.body.clone()))
            .col_expr(Column::Headers, sea_orm::sea_query::Expr::value(answer.headers.clone()))
            .col_expr(Column::ExpiresAt, sea_orm::sea_query::Expr::value(to_micros(expires_at)))
            .filter(Column::Scope.eq(scope))
            .filter(Column::Key.eq(key))
            .exec(txn)
            .await?;
        Ok(())
    })
    .await
}

/// Gives a claimed key back (the request failed on the server's side), so that a retry runs again.
pub async fn release(db: &Database, scope: &str, key: &str) -> Result<(), RepoError> {
    db.write(async |txn| {
        Entity::delete_many().filter(Column::Scope.eq(scope)).filter(Column::Key.eq(key)).exec(txn).await?;
        Ok(())
    })
    .await
}
