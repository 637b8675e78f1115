use actix_web::{HttpResponse, delete, web};
use intercoop_operations::{Database, programmes};
use uuid::Uuid;

use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions};
use crate::routes::problems::DeleteProblems;

/// Delete a programme.
///
/// A programme that still has sections cannot be deleted (409).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/programmes/{id}")]
pub async fn delete_programme(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    programmes::delete(&db, &auth, id.into_inner(), pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
