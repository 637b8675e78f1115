use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete an activity.
///
/// An activity named by a grant cannot be deleted (409).
#[utoipa::path(
    tag = "activities",
    params(("id" = Uuid, Path, description = "The activity's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/activities/{id}")]
pub async fn delete_activity(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    activities::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
