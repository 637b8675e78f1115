use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::Caller;
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfNoneMatchHeader, Preconditions};
use crate::routes::problems::{GetProblems, NotModified};

/// Get an agreement.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The agreement", body = AgreementResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/agreements/{id}")]
pub async fn get_agreement(
    caller: Caller,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let record = agreements::get(&db, &caller, id.into_inner()).await?;
    let body = AgreementResponse::from(record);
    Ok(pre.respond(body.version, &body))
}
