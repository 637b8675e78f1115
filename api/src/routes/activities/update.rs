use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::ActivityDraft;
use intercoop_persistence::Database;
use intercoop_persistence::activities;
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::{Authorized, Editor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Body;
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;
use crate::routes::{check_may_change, check_unit, merge_patch};

/// Replace a activity.
///
/// The body is the whole activity; fields left out take their defaults. Needs the editor role, and the publisher
/// role when the activity is or becomes published.
#[utoipa::path(
    tag = "activities",
    params(("id" = Uuid, Path, description = "The activity's id"), IfMatchHeader),
    request_body = ActivityDraft,
    responses((status = 200, description = "The activity as now stored", body = ActivityResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[put("/activities/{id}")]
pub async fn replace_activity(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(mut draft): Body<ActivityDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    let record = activities::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = ActivityResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a activity.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. The same roles as a
/// replace.
#[utoipa::path(
    tag = "activities",
    params(("id" = Uuid, Path, description = "The activity's id"), IfMatchHeader),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"status": "cancelled"})),
    responses((status = 200, description = "The activity as now stored", body = ActivityResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[patch("/activities/{id}")]
pub async fn patch_activity(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = activities::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        let mut draft: ActivityDraft = merge_patch(&current.data, patch)?;
        draft.check()?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = ActivityResponse::from(record);
    Ok(ok(body.version, &body))
}
