use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::Caller;
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfNoneMatchHeader, Preconditions};
use crate::routes::problems::{GetProblems, NotModified};

/// Get a grant.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "grants",
    params(("id" = Uuid, Path, description = "The grant's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The grant", body = GrantResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/grants/{id}")]
pub async fn get_grant(
    caller: Caller,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let record = grants::get(&db, &caller, id.into_inner()).await?;
    let body = GrantResponse::from(record);
    Ok(pre.respond(body.version, &body))
}
