use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use chrono::{Duration, Utc};
use intercoop_persistence::Database;
use intercoop_persistence::users;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{REFRESH_TTL_DAYS, TokenResponse, token_pair};
use crate::auth::JwtKeys;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Body;
use crate::passwords;
use crate::routes::problems::LoginProblems;

/// A refresh token to trade or revoke.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({"refresh_token": "5f1c..."}))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Trade a refresh token for a new pair.
///
/// The refresh token is used up: the answer carries a new one. An unknown, used, revoked or expired refresh token,
/// or one whose account is disabled, gets 401.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 200, description = "A new pair of tokens", body = TokenResponse), LoginProblems)
)]
#[post("/auth/refresh")]
pub async fn refresh_token(
    db: web::Data<Database>,
    keys: web::Data<JwtKeys>,
    Body(request): Body<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let next = passwords::random_secret();
    let expires = Utc::now() + Duration::days(REFRESH_TTL_DAYS);
    let old = passwords::token_hash(&request.refresh_token);
    let user =
        users::rotate_refresh_token(&db, &old, &passwords::token_hash(&next), expires).await?.ok_or_else(|| {
            ApiError::new(ErrorCode::InvalidCredentials, "the refresh token is unknown, used, revoked or expired")
        })?;
    let pair = token_pair(&db, &keys, &user, Some(next)).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(pair))
}
