//! The staff console's sessions: signing in with a password (the same check, throttle and disabled-account rule
//! as the API's token endpoint), a session kept in the database so that every replica honours it and signing out
//! or disabling the account ends it at once, and the CSRF token its forms carry.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use intercoop_persistence::console_sessions;
use intercoop_persistence::users::User;

use super::passwords::{random_secret, token_hash};
use super::sign_in::{SignInThrottle, person, role_of};
use crate::{Caller, Database, Result};

/// How long a session lasts unused: a working day; a session in use lives on...
pub const SESSION_HOURS: i64 = 12;
/// ...up to a week after signing in.
pub const LONGEST_SESSION_DAYS: i64 = 7;

/// A signed-in browser: its account as it is now, the caller that account makes, and its CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub caller: Caller,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// A new session: the token for the cookie (shown only here), and the session.
pub struct Started {
    pub token: String,
    pub session: Session,
}

/// Signs a person in with a username and password, from `address`.
pub async fn start(
    db: &Database,
    throttle: &SignInThrottle,
    address: Option<IpAddr>,
    username: &str,
    password: &str,
) -> Result<Started> {
    let user = person(db, throttle, address, username, password).await?;
    start_for(db, user).await
}

/// Starts a session for an account already known to be who signs in (its password checked, or the identity
/// provider's word taken).
pub async fn start_for(db: &Database, user: User) -> Result<Started> {
    let (token, csrf_token) = (random_secret(), random_secret());
    let expires_at = Utc::now() + chrono::Duration::hours(SESSION_HOURS);
    console_sessions::create(db, &token_hash(&token), user.id, &csrf_token, expires_at).await?;
    let caller = caller_of(&user)?;
    let session = Session { user, caller, csrf_token, expires_at };
    Ok(Started { token, session })
}

/// The live session of a cookie's token, when there is one and its account is active; the caller has the role
/// and unit the account has now. A session past half its time is given another twelve hours (up to a week).
pub async fn resume(db: &Database, token: &str) -> Result<Option<Session>> {
    let hash = token_hash(token);
    let Some(mut found) = console_sessions::find(db, &hash).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let half = chrono::Duration::hours(SESSION_HOURS / 2);
    if found.expires_at - now < half {
        let longest = found.created_at + chrono::Duration::days(LONGEST_SESSION_DAYS);
        let later = (now + chrono::Duration::hours(SESSION_HOURS)).min(longest);
        if later > found.expires_at {
            console_sessions::extend(db, &hash, later).await?;
            found.expires_at = later;
        }
    }
    let caller = caller_of(&found.user)?;
    Ok(Some(Session { user: found.user, caller, csrf_token: found.csrf_token, expires_at: found.expires_at }))
}

/// Ends the session (signing out); an unknown token is no error.
pub async fn end(db: &Database, token: &str) -> Result<()> {
    Ok(console_sessions::delete(db, &token_hash(token)).await?)
}

fn caller_of(user: &User) -> Result<Caller> {
    Ok(Caller {
        subject: Some(user.username.clone()),
        role: Some(role_of(&user.role)?),
        unit: user.unit.clone().filter(|u| !u.trim().is_empty()),
        uid: Some(user.id),
        said: None,
        system: false,
    })
}
