use actix_web::{HttpResponse, delete, web};
use intercoop_persistence::Database;
use intercoop_persistence::agreements;
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::error::{ApiError, ApiResult};
use crate::routes::problems::DeleteProblems;

/// Delete a agreement.
///
/// Needs the admin role.
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id")),
    responses((status = 204, description = "Deleted"), DeleteProblems),
    security(("bearer" = []))
)]
#[delete("/agreements/{id}")]
pub async fn delete_agreement(
    _auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    agreements::delete(&db, id.into_inner(), |_| Ok::<_, ApiError>(())).await?;
    Ok(HttpResponse::NoContent().finish())
}
