//! Idempotency keys: the first request with a key claims it, and the answer is kept for the repeats, so a client
//! may retry a write without doing it twice. The doors decide what a request is and which answers are kept.

use chrono::{DateTime, Utc};
use intercoop_persistence::idempotency;
pub use intercoop_persistence::idempotency::{Claim, StoredAnswer};

use crate::{Database, Result};

/// Claims `key` in `scope` (the caller) for a request of `request_hash`, as a lease of `lease`.
pub async fn claim(
    db: &Database,
    scope: &str,
    key: &str,
    request_hash: &str,
    lease: chrono::Duration,
) -> Result<Claim> {
    Ok(idempotency::claim(db, scope, key, request_hash, lease).await?)
}

/// Keeps the answer to a claimed key until `expires_at`.
pub async fn complete(
    db: &Database,
    scope: &str,
    key: &str,
    answer: &StoredAnswer,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    Ok(idempotency::complete(db, scope, key, answer, expires_at).await?)
}

/// Gives a claimed key back (the request failed on the server's side), so that a retry runs again.
pub async fn release(db: &Database, scope: &str, key: &str) -> Result<()> {
    Ok(idempotency::release(db, scope, key).await?)
}
