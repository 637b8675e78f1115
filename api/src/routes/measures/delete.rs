use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, measures};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete a measure.
///
/// A measure that activities, grants or agreements name cannot be deleted (409).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/measures/{id}")]
pub async fn delete_measure(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    measures::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
