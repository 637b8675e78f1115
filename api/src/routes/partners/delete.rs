use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete a partner.
///
/// A partner still named by activities, grants, agreements or other partners cannot be
/// deleted (409).
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The partner's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/partners/{id}")]
pub async fn delete_partner(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    partners::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
