use actix_web::{HttpResponse, post, web};
use intercoop_domain::ActivityDraft;
use intercoop_persistence::Database;
use intercoop_persistence::activities;

use super::{ActivityResponse, location};
use crate::auth::{Authorized, Editor};
use crate::error::ApiResult;
use crate::extract::Body;
use crate::routes::problems::CreateProblems;
use crate::routes::{check_publication, created};

/// Create a activity.
///
/// Needs the editor role; creating it already published needs the publisher role. The measures and partners
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
    ),
    security(("bearer" = []))
)]
#[post("/activities")]
pub async fn create_activity(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    Body(draft): Body<ActivityDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    check_publication(&auth, None, draft.publication)?;
    let record = activities::create(&db, &auth.actor(), draft).await?;
    let body = ActivityResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
