use actix_web::{HttpResponse, get, web};
use intercoop_persistence::Database;
use intercoop_persistence::grants;
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a grant.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "grants",
    params(("id" = Uuid, Path, description = "The grant's id")),
    responses((status = 200, description = "The grant", body = GrantResponse), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/grants/{id}")]
pub async fn get_grant(caller: Caller, db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = grants::get(&db, id.into_inner(), caller.visibility()).await?;
    Ok(HttpResponse::Ok().json(GrantResponse::from(record)))
}
