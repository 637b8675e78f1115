use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::sign_in;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{TokenResponse, token_pair};
use crate::auth::JwtKeys;
use crate::http::error::ApiResult;
use crate::http::extract::Body;
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
    let pair = token_pair(&keys, sign_in::refresh(&db, &request.refresh_token).await?)?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(pair))
}
