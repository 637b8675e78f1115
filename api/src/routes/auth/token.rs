use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use intercoop_persistence::Database;
use intercoop_persistence::users;
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use utoipa::ToSchema;

use super::{TokenResponse, token_pair};
use crate::auth::JwtKeys;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::parse_json;
use crate::passwords;
use crate::routes::problems::LoginProblems;
use crate::throttle::LoginThrottle;

/// A sign-in with a password.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"username": "admin", "password": "correct horse battery staple"}))]
pub struct PasswordLogin {
    pub username: String,
    pub password: String,
}

/// The body of a token request: JSON `{"username", "password"}`, or an OAuth2 form (`grant_type=password`).
pub struct TokenRequest(PasswordLogin);

#[derive(Deserialize)]
struct OAuthForm {
    grant_type: String,
    username: Option<String>,
    password: Option<String>,
}

impl FromRequest for TokenRequest {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
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
                return match (form.grant_type.as_str(), form.username, form.password) {
                    ("password", Some(username), Some(password)) => {
                        Ok(TokenRequest(PasswordLogin { username, password }))
                    }
                    ("password", _, _) => {
                        Err(ApiError::invalid_query("body", "grant_type=password needs username and password"))
                    }
                    (other, _, _) => Err(ApiError::invalid_query(
                        "grant_type",
                        format!(
                            "'{other}' is not supported here; use password (refresh tokens go to /api/v1/auth/refresh)"
                        ),
                    )),
                };
            }
            if !content_type.starts_with("application/json") {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "send JSON, or an OAuth2 form"));
            }
            parse_json(&bytes).map(TokenRequest)
        })
    }
}

/// Sign in: trade a username and password for tokens.
///
/// Takes JSON `{"username", "password"}` or an OAuth2 form with `grant_type=password`. Answers an access token
/// (a JWT for 15 minutes) and a refresh token (30 days, one use). A wrong password, an unknown user and a
/// disabled account get the same 401, in the same time.
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (PasswordLogin = "application/json"),
        (PasswordLogin = "application/x-www-form-urlencoded"),
    )),
    responses((status = 200, description = "Signed in", body = TokenResponse), LoginProblems),
    security(())
)]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    db: web::Data<Database>,
    keys: web::Data<JwtKeys>,
    throttle: web::Data<LoginThrottle>,
    TokenRequest(login): TokenRequest,
) -> ApiResult<HttpResponse> {
    let address = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    let throttle_keys = vec![format!("user:{}", login.username.trim().to_lowercase()), format!("address:{address}")];
    if let Some(wait) = throttle.retry_after(&throttle_keys) {
        let seconds = wait.as_secs().max(1);
        return Err(ApiError::new(
            ErrorCode::TooManyAttempts,
            format!("too many failed sign-ins; try again in {seconds} s"),
        )
        .with_header(header::RETRY_AFTER, &seconds.to_string()));
    }
    let user = users::by_username(&db, &login.username).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = login.password.clone();
    let verified =
        web::block(move || passwords::verify(hash.as_deref(), &password)).await.map_err(ApiError::internal)?;
    let Some(user) = user.filter(|u| verified && u.active) else {
        tracing::info!(username = %login.username, "sign-in refused");
        throttle.failed(&throttle_keys);
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "the username or password is not right, or the account is disabled",
        ));
    };
    throttle.succeeded(&throttle_keys);
    let pair = token_pair(&db, &keys, &user, None).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(pair))
}
