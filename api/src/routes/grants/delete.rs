use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete a grant.
#[utoipa::path(
    tag = "grants",
    params(("id" = Uuid, Path, description = "The grant's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/grants/{id}")]
pub async fn delete_grant(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    grants::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
