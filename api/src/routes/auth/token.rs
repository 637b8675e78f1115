use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use intercoop_operations::Database;
use intercoop_operations::accounts::sign_in::{self, SignInThrottle};
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use utoipa::ToSchema;

use super::{ACCESS_TTL_SECONDS, TokenResponse, token_pair};
use crate::auth::{Holder, JwtKeys};
use crate::http::error::{ApiError, ApiResult, ErrorCode};
use crate::http::extract::parse_json;
use crate::routes::problems::LoginProblems;

/// A sign-in with a password.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"username": "admin", "password": "correct horse battery staple"}))]
pub struct PasswordLogin {
    pub username: String,
    pub password: String,
}

/// A system's sign-in (OAuth2 client credentials), as a form.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"grant_type": "client_credentials", "client_id": "city-website", "client_secret": "9f2c..."}))]
pub struct ClientCredentials {
    /// `client_credentials` (or `password`, with `username` and `password`).
    #[schema(pattern = "^(client_credentials|password)$")]
    pub grant_type: String,
    /// The service account's client id; may come in an HTTP Basic `Authorization` header instead.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// The body of a token request: JSON `{"username", "password"}`, or an OAuth2 form.
pub enum TokenRequest {
    Password(PasswordLogin),
    Client { client_id: String, client_secret: String },
}

#[derive(Deserialize)]
struct OAuthForm {
    grant_type: String,
    username: Option<String>,
    password: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
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
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let basic = basic_credentials(req);
        let mut payload = payload.take();
        Box::pin(async move {
            let mut bytes = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk
                    .map_err(|e| ApiError::new(ErrorCode::MalformedJson, format!("the body could not be read: {e}")))?;
                if bytes.len() + chunk.len() > 16 * 1024 {
                    return Err(ApiError::new(ErrorCode::PayloadTooLarge, "a token request is at most 16 KiB"));
                }
                bytes.extend_from_slice(&chunk);
            }
            if content_type.starts_with("application/x-www-form-urlencoded") {
                let form: OAuthForm = serde_urlencoded::from_bytes(&bytes)
                    .map_err(|e| ApiError::invalid_query("body", format!("the form is not valid: {e}")))?;
                return match form.grant_type.as_str() {
                    "password" => match (form.username, form.password) {
                        (Some(username), Some(password)) => {
                            Ok(TokenRequest::Password(PasswordLogin { username, password }))
                        }
                        _ => Err(ApiError::invalid_query("body", "grant_type=password needs username and password")),
                    },
                    "client_credentials" => match (form.client_id.zip(form.client_secret)).or(basic) {
                        Some((client_id, client_secret)) => Ok(TokenRequest::Client { client_id, client_secret }),
                        None => Err(ApiError::invalid_query(
                            "body",
                            "grant_type=client_credentials needs client_id and client_secret (in the form or HTTP Basic)",
                        )),
                    },
                    other => Err(ApiError::invalid_query(
                        "grant_type",
                        format!(
                            "'{other}' is not supported; use password or client_credentials (refresh tokens go to /api/v1/auth/refresh)"
                        ),
                    )),
                };
            }
            if !content_type.starts_with("application/json") {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "send JSON, or an OAuth2 form"));
            }
            parse_json(&bytes).map(TokenRequest::Password)
        })
    }
}

/// Sign in: trade credentials for tokens.
///
/// People send JSON `{"username", "password"}` (or an OAuth2 form with `grant_type=password`) and get an access
/// token (a JWT for 15 minutes) and a refresh token (30 days, one use). Other systems send an OAuth2 form with
/// `grant_type=client_credentials` and their service account's `client_id` and `client_secret` (or HTTP Basic)
/// and get an access token. Wrong credentials, unknown names and disabled accounts get the same 401, in the
/// same time; five failures in a row slow further tries down (429).
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (PasswordLogin = "application/json"),
        (ClientCredentials = "application/x-www-form-urlencoded"),
    )),
    responses((status = 200, description = "Signed in", body = TokenResponse), LoginProblems)
)]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    db: web::Data<Database>,
    keys: web::Data<JwtKeys>,
    throttle: web::Data<SignInThrottle>,
    request: TokenRequest,
) -> ApiResult<HttpResponse> {
    let address = crate::http::proxies::client_address(&req);
    let login = match request {
        TokenRequest::Password(login) => login,
        TokenRequest::Client { client_id, client_secret } => {
            let signed_in = sign_in::with_client_secret(&db, address, &client_id, &client_secret).await?;
            return client_token(&keys, signed_in);
        }
    };
    let signed_in = sign_in::with_password(&db, &throttle, address, &login.username, &login.password).await?;
    let pair = token_pair(&keys, signed_in)?;
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
