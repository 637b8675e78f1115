use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::MeasureDraft;
use intercoop_operations::{Database, measures};
use uuid::Uuid;

use super::MeasureResponse;
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;

/// Replace a measure.
///
/// The body is the whole measure; fields left out take their defaults.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id"), IfMatchHeader),
    request_body = MeasureDraft,
    responses((status = 200, description = "The measure as now stored", body = MeasureResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[put("/measures/{id}")]
pub async fn replace_measure(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(draft): Body<MeasureDraft>,
) -> ApiResult<HttpResponse> {
    let record = measures::replace(&db, &auth, id.into_inner(), pre.if_match(), draft).await?;
    let body = MeasureResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a measure.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id"), IfMatchHeader),
    request_body(content = MeasureDraft, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"responsible_units": ["управління економіки"]})),
    responses((status = 200, description = "The measure as now stored", body = MeasureResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[patch("/measures/{id}")]
pub async fn patch_measure(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = measures::patch(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
    let body = MeasureResponse::from(record);
    Ok(ok(body.version, &body))
}
