//! Slowing down password guessing, and bounding what sign-ins cost. Every attempt is counted before its password
//! is checked, in the database, so that all replicas count together and attempts made at once cannot slip past
//! the count: after five failures for one account (or client id), or twenty from one address, each further
//! attempt waits, the wait doubling with each failure (30 s up to 15 min); a success clears the count. The
//! address is the caller's as trusted proxies report it (`crate::proxies`). Checking a password holds ~19 MiB for
//! argon2: at most one check per core runs at once, fifteen times as many wait their turn (each waits a few
//! tenths of a second), and the rest get 503 with `Retry-After`.

use std::time::Duration;

use actix_web::HttpRequest;
use actix_web::http::header;
use intercoop_persistence::Database;
use intercoop_persistence::sign_in_failures;
pub use intercoop_persistence::sign_in_failures::Policy;

use crate::error::{ApiError, ErrorCode};
use crate::passwords::token_hash;
use intercoop_operations::gate::Gate;

/// Per account or client id.
pub const ACCOUNT: Policy =
    Policy { free: 5, first_wait: Duration::from_secs(30), longest_wait: Duration::from_secs(15 * 60) };
/// Per address: more, since an office behind one address (or a proxy not configured as trusted) shares it.
pub const ADDRESS: Policy =
    Policy { free: 20, first_wait: Duration::from_secs(30), longest_wait: Duration::from_secs(15 * 60) };

/// The keys an attempt counts against: the account's (`user:NAME` or `client:ID`) and the address's, each kept
/// as a hash (a name may be long, or hold characters the database cannot store).
pub fn keys(req: &HttpRequest, account: String) -> Vec<(String, Policy)> {
    let address = crate::proxies::client_address(req).map(|ip| ip.to_string()).unwrap_or_default();
    vec![(token_hash(&account), ACCOUNT), (token_hash(&format!("address:{address}")), ADDRESS)]
}

/// Counts an attempt, or refuses it with 429 while one of its keys must wait.
pub async fn attempt(db: &Database, keys: &[(String, Policy)]) -> Result<(), ApiError> {
    match sign_in_failures::attempt(db, keys).await? {
        None => Ok(()),
        Some(wait) => {
            let seconds = wait.as_secs().max(1);
            Err(ApiError::new(
                ErrorCode::TooManyAttempts,
                format!("too many failed sign-ins; try again in {seconds} s"),
            )
            .with_header(header::RETRY_AFTER, &seconds.to_string()))
        }
    }
}

/// A success clears the keys' failures.
pub async fn succeeded(db: &Database, keys: &[(String, Policy)]) -> Result<(), ApiError> {
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    Ok(sign_in_failures::succeeded(db, &names).await?)
}

/// How many password checks run at once in this process, and how many more may wait for a turn.
#[derive(Debug)]
pub struct SignInThrottle(pub Gate);

impl Default for SignInThrottle {
    fn default() -> Self {
        Self(Gate::per_core("sign-ins being checked", 15))
    }
}
