use actix_web::{HttpResponse, get, web};
use intercoop_persistence::Database;
use intercoop_persistence::activities;
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a activity.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "activities",
    params(("id" = Uuid, Path, description = "The activity's id")),
    responses((status = 200, description = "The activity", body = ActivityResponse), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/activities/{id}")]
pub async fn get_activity(caller: Caller, db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = activities::get(&db, id.into_inner(), caller.visibility()).await?;
    Ok(HttpResponse::Ok().json(ActivityResponse::from(record)))
}
