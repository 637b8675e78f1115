//! `/api/v1/auth`: signing in with a password, refreshing and revoking tokens; `/api/v1/me`.

use intercoop_operations::accounts::sign_in::SignedIn;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::JwtKeys;
use crate::http::error::ApiError;

mod logout;
mod me;
pub mod oauth;
mod refresh;
mod token;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(token::issue_token).service(refresh::refresh_token).service(logout::logout).service(me::me);
}

/// How long an access token lives.
pub const ACCESS_TTL_SECONDS: i64 = 15 * 60;

/// A fresh pair of tokens.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9...", "token_type": "Bearer", "expires_in": 900, "refresh_token": "5f1c..."}))]
pub struct TokenResponse {
    /// A short-lived JWT for the `Authorization: Bearer` header.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Trades for a new pair once, at `/api/v1/auth/token` with `grant_type=refresh_token` (or at
    /// `/api/v1/auth/refresh`); revoked by `/api/v1/auth/logout`. Not given to service accounts, which sign in
    /// again with their secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// A service account's scopes, space-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// The tokens of a person signed in: an access token, and the refresh token the sign-in made.
fn token_pair(keys: &JwtKeys, signed_in: SignedIn) -> Result<TokenResponse, ApiError> {
    let SignedIn { user, role, refresh_token } = signed_in;
    let access_token = keys
        .issue_claims(&user.username, role, user.unit.as_deref(), Some(user.id), ACCESS_TTL_SECONDS)
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TTL_SECONDS,
        refresh_token: Some(refresh_token),
        scope: None,
    })
}
