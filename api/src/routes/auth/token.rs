use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use intercoop_operations::Database;
use intercoop_operations::accounts::sign_in::{self, SignInThrottle};
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use utoipa::ToSchema;

use super::oauth::{TokenError, TokenErrors};
use super::{ACCESS_TTL_SECONDS, TokenResponse, token_pair};
use crate::auth::{Holder, JwtKeys};
use crate::http::error::{ApiError, ApiResult, ErrorCode};
use crate::http::extract::parse_json;

/// A sign-in with a password.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"username": "admin", "password": "correct horse battery staple"}))]
pub struct PasswordLogin {
    pub username: String,
    pub password: String,
}

/// An OAuth2 token request, as a form: `grant_type` and the fields that grant needs.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"grant_type": "password", "username": "admin", "password": "correct horse battery staple"}))]
pub struct TokenForm {
    /// `password` (with `username` and `password`), `client_credentials` (with `client_id` and `client_secret`, or
    /// HTTP Basic) or `refresh_token` (with `refresh_token`).
    #[schema(pattern = "^(password|client_credentials|refresh_token)$")]
    pub grant_type: String,
    /// A person's user name (`grant_type=password`).
    pub username: Option<String>,
    /// A person's password (`grant_type=password`).
    pub password: Option<String>,
    /// The service account's client id; may come in an HTTP Basic `Authorization` header instead.
    pub client_id: Option<String>,
    /// The service account's secret; may come in an HTTP Basic `Authorization` header instead.
    pub client_secret: Option<String>,
    /// The refresh token to trade (`grant_type=refresh_token`); it is used up, and the answer carries a new one.
    pub refresh_token: Option<String>,
}

/// The body of a token request: JSON `{"username", "password"}`, or an OAuth2 form.
pub enum TokenRequest {
    Password(PasswordLogin),
    Client { client_id: String, client_secret: String },
    Refresh(String),
}

impl TokenRequest {
    fn from_form(form: TokenForm, basic: Option<(String, String)>) -> Result<Self, TokenError> {
        let missing = |what: &str| {
            let detail = format!("grant_type={} needs {what}", form.grant_type);
            TokenError::new(ApiError::invalid_query("body", detail), false)
        };
        match form.grant_type.as_str() {
            "password" => match (form.username.clone(), form.password.clone()) {
                (Some(username), Some(password)) => Ok(Self::Password(PasswordLogin { username, password })),
                _ => Err(missing("username and password")),
            },
            "client_credentials" => match form.client_id.clone().zip(form.client_secret.clone()).or(basic) {
                Some((client_id, client_secret)) => Ok(Self::Client { client_id, client_secret }),
                None => Err(missing("client_id and client_secret (in the form or HTTP Basic)")),
            },
            "refresh_token" => match form.refresh_token.clone() {
                Some(token) => Ok(Self::Refresh(token)),
                None => Err(missing("refresh_token")),
            },
            other => Err(TokenError::unsupported_grant_type(other)),
        }
    }
}

/// `Authorization: Basic base64(client_id:client_secret)`, as OAuth2 clients may send their credentials.
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    use base64::Engine;
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(value.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

impl FromRequest for TokenRequest {
    type Error = TokenError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, TokenError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let basic = basic_credentials(req);
        let mut payload = payload.take();
        let refused = |e: ApiError| TokenError::new(e, false);
        Box::pin(async move {
            let mut bytes = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    refused(ApiError::new(ErrorCode::MalformedJson, format!("the body could not be read: {e}")))
                })?;
                if bytes.len() + chunk.len() > 16 * 1024 {
                    return Err(refused(ApiError::new(
                        ErrorCode::PayloadTooLarge,
                        "a token request is at most 16 KiB",
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            if content_type.starts_with("application/x-www-form-urlencoded") {
                let form: TokenForm = serde_urlencoded::from_bytes(&bytes)
                    .map_err(|e| refused(ApiError::invalid_query("body", format!("the form is not valid: {e}"))))?;
                return TokenRequest::from_form(form, basic);
            }
            if !content_type.starts_with("application/json") {
                return Err(refused(ApiError::new(ErrorCode::UnsupportedMediaType, "send JSON, or an OAuth2 form")));
            }
            parse_json(&bytes).map(TokenRequest::Password).map_err(refused)
        })
    }
}

/// Sign in: trade credentials for tokens (the OAuth2 token endpoint).
///
/// People send JSON `{"username", "password"}`, or an OAuth2 form with `grant_type=password`, and get an access
/// token (a JWT for 15 minutes) and a refresh token (30 days, one use). Other systems send an OAuth2 form with
/// `grant_type=client_credentials` and their service account's `client_id` and `client_secret` (or HTTP Basic)
/// and get an access token. A refresh token is traded for a new pair with `grant_type=refresh_token`.
///
/// Errors here are OAuth2's (RFC 6749 §5.2): `application/json` with `error` and `error_description`, beside the
/// problem's members; every other operation answers `application/problem+json`. Wrong credentials, unknown names
/// and disabled accounts get the same `invalid_grant`, in the same time; five failures in a row slow further tries
/// down (429).
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (TokenForm = "application/x-www-form-urlencoded"),
        (PasswordLogin = "application/json"),
    )),
    responses((status = 200, description = "Signed in", body = TokenResponse), TokenErrors)
)]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    db: web::Data<Database>,
    keys: web::Data<JwtKeys>,
    throttle: web::Data<SignInThrottle>,
    request: TokenRequest,
) -> Result<HttpResponse, TokenError> {
    let address = crate::http::proxies::client_address(&req);
    let signed_in = match request {
        TokenRequest::Client { client_id, client_secret } => {
            let signed_in = sign_in::with_client_secret(&db, address, &client_id, &client_secret).await;
            return signed_in
                .map_err(ApiError::from)
                .and_then(|s| client_token(&keys, s))
                .map_err(|e| TokenError::new(e, true));
        }
        TokenRequest::Password(login) => {
            sign_in::with_password(&db, &throttle, address, &login.username, &login.password).await
        }
        TokenRequest::Refresh(token) => sign_in::refresh(&db, &token).await,
    };
    let pair =
        signed_in.map_err(ApiError::from).and_then(|s| token_pair(&keys, s)).map_err(|e| TokenError::new(e, false))?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(pair))
}

/// The access token of a system signed in (no refresh token: it signs in again).
fn client_token(keys: &JwtKeys, signed_in: sign_in::SystemSignedIn) -> ApiResult<HttpResponse> {
    let sign_in::SystemSignedIn { account, role } = signed_in;
    let scope = (!account.scopes.is_empty()).then(|| account.scopes.join(" "));
    let holder =
        Holder { unit: account.unit.clone(), said: Some(account.id), scope: scope.clone(), ..Holder::default() };
    let access_token =
        keys.issue_for(&account.client_id, role, holder, ACCESS_TTL_SECONDS).map_err(ApiError::internal)?;
    let body = TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TTL_SECONDS,
        refresh_token: None,
        scope,
    };
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(body))
}
