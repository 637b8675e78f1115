//! Signing in: people with a password, systems with a client secret, and the refresh tokens a person's sign-in
//! hands out. Slowing down password guessing, and bounding what sign-ins cost: every attempt is counted before its
//! password is checked, in the database, so that all replicas count together and attempts made at once cannot
//! slip past the count. After five failures for one account (or client id), or twenty from one address, each
//! further attempt waits, the wait doubling with each failure (30 s up to 15 min); a success clears the count.
//! Checking a password holds ~19 MiB for argon2: at most one check per core runs at once, fifteen times as many
//! wait their turn (each waits a few tenths of a second), and the rest are told the service is busy.

use std::net::IpAddr;
use std::time::Duration;

use chrono::Utc;
use intercoop_domain::Role;
use intercoop_persistence::service_accounts::{self, ServiceAccount};
pub use intercoop_persistence::sign_in_failures::Policy;
use intercoop_persistence::users::{self, User};
use intercoop_persistence::{Database, sign_in_failures};
use uuid::Uuid;

use super::passwords::{self, token_hash};
use crate::error::{Error, ErrorCode, Result};
use crate::gate::Gate;

/// Per account or client id.
pub const ACCOUNT: Policy =
    Policy { free: 5, first_wait: Duration::from_secs(30), longest_wait: Duration::from_secs(15 * 60) };
/// Per address: more, since an office behind one address (or a proxy not configured as trusted) shares it.
pub const ADDRESS: Policy =
    Policy { free: 20, first_wait: Duration::from_secs(30), longest_wait: Duration::from_secs(15 * 60) };

/// How long a refresh token lives, unless used or revoked before.
pub const REFRESH_TTL_DAYS: i64 = 30;

/// How many password checks run at once in this process, and how many more may wait for a turn.
#[derive(Debug)]
pub struct SignInThrottle(pub Gate);

impl Default for SignInThrottle {
    fn default() -> Self {
        Self(Gate::per_core("sign-ins being checked", 15))
    }
}

/// The keys an attempt counts against: the account's (`user:NAME` or `client:ID`) and the address's, each kept
/// as a hash (a name may be long, or hold characters the database cannot store).
fn keys(address: Option<IpAddr>, account: String) -> Vec<(String, Policy)> {
    let address = address.map(|ip| ip.to_string()).unwrap_or_default();
    vec![(token_hash(&account), ACCOUNT), (token_hash(&format!("address:{address}")), ADDRESS)]
}

/// Counts an attempt, or refuses it (`too_many_attempts`) while one of its keys must wait.
async fn attempt(db: &Database, keys: &[(String, Policy)]) -> Result<()> {
    match sign_in_failures::attempt(db, keys).await? {
        None => Ok(()),
        Some(wait) => {
            let seconds = wait.as_secs().max(1);
            Err(Error {
                retry_after: Some(seconds),
                ..Error::new(ErrorCode::TooManyAttempts, format!("too many failed sign-ins; try again in {seconds} s"))
            })
        }
    }
}

/// A success clears the keys' failures.
async fn succeeded(db: &Database, keys: &[(String, Policy)]) -> Result<()> {
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    Ok(sign_in_failures::succeeded(db, &names).await?)
}

/// A person signed in: the account, its role, and a new refresh token.
pub struct SignedIn {
    pub user: User,
    pub role: Role,
    pub refresh_token: String,
}

pub(crate) fn role_of(stored: &str) -> Result<Role> {
    Role::parse(stored).ok_or_else(|| Error::internal(format!("stored role '{stored}'")))
}

async fn with_new_refresh_token(db: &Database, user: User) -> Result<SignedIn> {
    let role = role_of(&user.role)?;
    let token = passwords::random_secret();
    let expires = Utc::now() + chrono::Duration::days(REFRESH_TTL_DAYS);
    users::add_refresh_token(db, user.id, &token_hash(&token), expires).await?;
    Ok(SignedIn { user, role, refresh_token: token })
}

/// Signs a person in with a username and password, from `address` (as trusted proxies report it).
pub async fn with_password(
    db: &Database,
    throttle: &SignInThrottle,
    address: Option<IpAddr>,
    username: &str,
    password: &str,
) -> Result<SignedIn> {
    let user = person(db, throttle, address, username, password).await?;
    with_new_refresh_token(db, user).await
}

/// The active account whose username and password these are, the attempt counted and throttled (the API's token
/// endpoint and the console's sign-in both come here).
pub async fn person(
    db: &Database,
    throttle: &SignInThrottle,
    address: Option<IpAddr>,
    username: &str,
    password: &str,
) -> Result<User> {
    let counted = keys(address, format!("user:{}", username.trim().to_lowercase()));
    let turn = throttle.0.turn().await?;
    attempt(db, &counted).await?;
    let user = users::by_username(db, username).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || passwords::verify(hash.as_deref(), &password))
        .await
        .map_err(Error::internal)?;
    drop(turn);
    let Some(user) = user.filter(|u| verified && u.active) else {
        tracing::info!(username, "sign-in refused");
        return Err(Error::new(
            ErrorCode::InvalidCredentials,
            "the username or password is not right, or the account is disabled",
        ));
    };
    succeeded(db, &counted).await?;
    role_of(&user.role)?;
    Ok(user)
}

/// A system signed in: its service account and role.
pub struct SystemSignedIn {
    pub account: ServiceAccount,
    pub role: Role,
}

/// Signs a system in with its client id and secret, from `address`.
pub async fn with_client_secret(
    db: &Database,
    address: Option<IpAddr>,
    client_id: &str,
    client_secret: &str,
) -> Result<SystemSignedIn> {
    let counted = keys(address, format!("client:{client_id}"));
    attempt(db, &counted).await?;
    let account = service_accounts::by_client_id(db, client_id).await?;
    let hash = token_hash(client_secret);
    let Some(account) = account.filter(|a| a.active && a.secret_hash == hash) else {
        tracing::info!(client_id, "client sign-in refused");
        return Err(Error::new(
            ErrorCode::InvalidCredentials,
            "the client id or secret is not right, or the account is disabled",
        ));
    };
    succeeded(db, &counted).await?;
    let role = role_of(&account.role)?;
    Ok(SystemSignedIn { account, role })
}

/// Trades a refresh token for a new one: the old one is used up. An unknown, used, revoked or expired token, or
/// one whose account is disabled, is refused.
pub async fn refresh(db: &Database, refresh_token: &str) -> Result<SignedIn> {
    let next = passwords::random_secret();
    let expires = Utc::now() + chrono::Duration::days(REFRESH_TTL_DAYS);
    let old = token_hash(refresh_token);
    let user = users::rotate_refresh_token(db, &old, &token_hash(&next), expires).await?.ok_or_else(|| {
        Error::new(ErrorCode::InvalidCredentials, "the refresh token is unknown, used, revoked or expired")
    })?;
    let role = role_of(&user.role)?;
    Ok(SignedIn { user, role, refresh_token: next })
}

/// Revokes a refresh token (signing out); an unknown one is no error.
pub async fn revoke(db: &Database, refresh_token: &str) -> Result<()> {
    users::revoke_refresh_token(db, &token_hash(refresh_token)).await?;
    Ok(())
}

/// The role and unit the account behind a token has now: `None` when the account is disabled or gone.
pub async fn access_now(
    db: &Database,
    uid: Option<Uuid>,
    said: Option<Uuid>,
) -> Result<Option<Option<(Role, Option<String>)>>> {
    let access = match (uid, said) {
        (Some(uid), _) => users::access(db, uid).await?,
        (None, Some(said)) => service_accounts::access(db, said).await?,
        (None, None) => return Ok(None),
    };
    Ok(Some(match access {
        None => None,
        Some((role, unit)) => Some((role_of(&role)?, unit.filter(|u| !u.trim().is_empty()))),
    }))
}
