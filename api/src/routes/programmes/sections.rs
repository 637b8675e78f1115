//! `/api/v1/programmes/{id}/sections`: a programme's sections ("I. Міжнародне співробітництво").

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use intercoop_domain::SectionDraft;
use intercoop_operations::Database;
use intercoop_operations::programmes::sections;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::SectionResponse;
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, IfNoneMatchHeader, Preconditions, ok};
use crate::routes::created;
use crate::routes::problems::{CreateProblems, DeleteProblems, GetProblems, NotModified, UpdateProblems};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sections)
        .service(create_section)
        .service(get_section)
        .service(replace_section)
        .service(patch_section)
        .service(delete_section);
}

/// List a programme's sections, in order.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id")),
    responses((status = 200, description = "The sections, in order", body = Vec<SectionResponse>), GetProblems)
)]
#[get("/programmes/{id}/sections")]
pub async fn list_sections(db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let list: Vec<SectionResponse> = sections::list(&db, id.into_inner()).await?.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(list))
}

/// Add a section to a programme.
///
/// A numeral appears once per programme (409).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id")),
    request_body = SectionDraft,
    responses(
        (status = 201, description = "Created", body = SectionResponse,
            headers(
                ("Location" = String, description = "The new section's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
        (status = 404, description = "`not_found`: no such programme", body = crate::http::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/programmes/{id}/sections")]
pub async fn create_section(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
    Body(draft): Body<SectionDraft>,
) -> ApiResult<HttpResponse> {
    let programme_id = id.into_inner();
    let record = sections::create(&db, &auth, programme_id, draft).await?;
    let location = format!("/api/v1/programmes/{programme_id}/sections/{}", record.meta.id);
    let version = record.meta.version;
    Ok(created(location, version, &SectionResponse::from(record)))
}

/// Get a section of a programme.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), ("section_id" = Uuid, Path, description = "The section's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The section", body = SectionResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/programmes/{id}/sections/{section_id}")]
pub async fn get_section(
    db: web::Data<Database>,
    pre: Preconditions,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (programme_id, id) = path.into_inner();
    let body = SectionResponse::from(sections::get(&db, programme_id, id).await?);
    Ok(pre.respond(body.version, &body))
}

/// Replace a section of a programme.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), ("section_id" = Uuid, Path, description = "The section's id"), IfMatchHeader),
    request_body = SectionDraft,
    responses((status = 200, description = "The section as now stored", body = SectionResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[put("/programmes/{id}/sections/{section_id}")]
pub async fn replace_section(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    path: web::Path<(Uuid, Uuid)>,
    Body(draft): Body<SectionDraft>,
) -> ApiResult<HttpResponse> {
    let (programme_id, id) = path.into_inner();
    let record = sections::replace(&db, &auth, programme_id, id, pre.if_match(), draft).await?;
    let body = SectionResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a section.
///
/// The body is a JSON merge patch (RFC 7396).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), ("section_id" = Uuid, Path, description = "The section's id"), IfMatchHeader),
    request_body(content = SectionDraft, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"title": {"uk": "Промоція міста", "en": "Promotion of the city"}})),
    responses((status = 200, description = "The section as now stored", body = SectionResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems)
)]
#[patch("/programmes/{id}/sections/{section_id}")]
pub async fn patch_section(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    path: web::Path<(Uuid, Uuid)>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (programme_id, id) = path.into_inner();
    let record = sections::patch(&db, &auth, programme_id, id, pre.if_match(), patch).await?;
    let body = SectionResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Delete a section.
///
/// A section that still has measures cannot be deleted (409).
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id"), ("section_id" = Uuid, Path, description = "The section's id"), IfMatchHeader),
    responses((status = 204, description = "Deleted"), DeleteProblems)
)]
#[delete("/programmes/{id}/sections/{section_id}")]
pub async fn delete_section(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    pre: Preconditions,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (programme_id, id) = path.into_inner();
    sections::delete(&db, &auth, programme_id, id, pre.if_match()).await?;
    Ok(HttpResponse::NoContent().finish())
}
