use actix_web::{HttpResponse, get, web};
use intercoop_persistence::Database;
use intercoop_persistence::partners;
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a partner.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The partner's id")),
    responses((status = 200, description = "The partner", body = PartnerResponse), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/partners/{id}")]
pub async fn get_partner(caller: Caller, db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = partners::get(&db, id.into_inner(), caller.visibility()).await?;
    Ok(HttpResponse::Ok().json(PartnerResponse::from(record)))
}
