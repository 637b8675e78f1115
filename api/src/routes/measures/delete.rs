use actix_web::{HttpResponse, delete, web};
use intercoop_persistence::Database;
use intercoop_persistence::measures;
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::error::{ApiError, ApiResult};
use crate::routes::problems::DeleteProblems;

/// Delete a measure.
///
/// Needs the admin role. A measure that activities, grants or agreements name cannot be deleted (409).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id")),
    responses((status = 204, description = "Deleted"), DeleteProblems),
    security(("bearer" = []))
)]
#[delete("/measures/{id}")]
pub async fn delete_measure(
    _auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    measures::delete(&db, id.into_inner(), |_| Ok::<_, ApiError>(())).await?;
    Ok(HttpResponse::NoContent().finish())
}
