use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::Caller;
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfNoneMatchHeader, Preconditions};
use crate::routes::problems::{GetProblems, NotModified};

/// Get an activity.
///
/// A draft is visible to signed-in callers only; to others it does not exist (404).
#[utoipa::path(
    tag = "activities",
    params(("id" = Uuid, Path, description = "The activity's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The activity", body = ActivityResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/activities/{id}")]
pub async fn get_activity(
    caller: Caller,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let record = activities::get(&db, &caller, id.into_inner()).await?;
    let body = ActivityResponse::from(record);
    Ok(pre.respond(body.version, &body))
}
