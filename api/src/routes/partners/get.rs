use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::Caller;
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfNoneMatchHeader, Preconditions};
use crate::routes::problems::{GetProblems, NotModified};

/// Get a partner.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The partner's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The partner", body = PartnerResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/partners/{id}")]
pub async fn get_partner(
    caller: Caller,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let record = partners::get(&db, &caller, id.into_inner()).await?;
    let body = PartnerResponse::from(record);
    Ok(pre.respond(body.version, &body))
}
