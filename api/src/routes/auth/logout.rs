use actix_web::{HttpResponse, post, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::sign_in;

use super::refresh::RefreshRequest;
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::problems::LoginProblems;

/// Sign out: revoke a refresh token.
///
/// The refresh token cannot be used again. Access tokens already issued live out their 15 minutes. Answers 204
/// whether or not the token was live, so the call can be repeated.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Revoked"), LoginProblems)
)]
#[post("/auth/logout")]
pub async fn logout(db: web::Data<Database>, Body(request): Body<RefreshRequest>) -> ApiResult<HttpResponse> {
    sign_in::revoke(&db, &request.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
