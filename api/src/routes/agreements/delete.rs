use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete an agreement.
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/agreements/{id}")]
pub async fn delete_agreement(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    agreements::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
