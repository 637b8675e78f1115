use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::ProgrammeDraft;
use intercoop_operations::{Database, programmes};
use uuid::Uuid;

use super::ProgrammeResponse;
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;

/// Replace a programme.
///
/// The body is the whole programme; fields left out take their defaults.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), IfMatchHeader),
    request_body = ProgrammeDraft,
    responses((status = 200, description = "The programme as now stored", body = ProgrammeResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[put("/programmes/{id}")]
pub async fn replace_programme(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(draft): Body<ProgrammeDraft>,
) -> ApiResult<HttpResponse> {
    let record = programmes::replace(&db, &auth, id.into_inner(), pre.if_match(), draft).await?;
    let body = ProgrammeResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a programme.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), IfMatchHeader),
    request_body(content = ProgrammeDraft, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"last_year": 2026})),
    responses((status = 200, description = "The programme as now stored", body = ProgrammeResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[patch("/programmes/{id}")]
pub async fn patch_programme(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = programmes::patch(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
    let body = ProgrammeResponse::from(record);
    Ok(ok(body.version, &body))
}
