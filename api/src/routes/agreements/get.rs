use actix_web::{HttpResponse, get, web};
use intercoop_persistence::Database;
use intercoop_persistence::agreements;
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a agreement.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id")),
    responses((status = 200, description = "The agreement", body = AgreementResponse), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/agreements/{id}")]
pub async fn get_agreement(caller: Caller, db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = agreements::get(&db, id.into_inner(), caller.visibility()).await?;
    Ok(HttpResponse::Ok().json(AgreementResponse::from(record)))
}
