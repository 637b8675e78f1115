use actix_web::{HttpResponse, post, web};
use intercoop_domain::ActivityDraft;
use intercoop_operations::{Database, activities};

use super::{ActivityResponse, location};
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create an activity.
///
/// A new record is a draft; `POST .../publish` publishes it. The measures and partners
/// it names must exist (422). One event that serves two measures is one activity naming both.
#[utoipa::path(
    tag = "activities",
    request_body = ActivityDraft,
    responses(
        (status = 201, description = "Created", body = ActivityResponse,
            headers(
                ("Location" = String, description = "The new activity's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/activities")]
pub async fn create_activity(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    Body(draft): Body<ActivityDraft>,
) -> ApiResult<HttpResponse> {
    let record = activities::create(&db, &auth, draft).await?;
    let body = ActivityResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
