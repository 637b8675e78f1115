//! `/problems/{code}`: what each problem `type` means, so that the URI a problem names leads somewhere.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::error::{ApiError, ApiResult, ErrorCode};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(problem_type);
}

/// One kind of problem.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"type": "/problems/precondition_failed", "code": "precondition_failed", "status": 412, "title": "The record has changed since the version the request names"}))]
pub struct ProblemType {
    #[serde(rename = "type")]
    pub type_uri: String,
    /// The stable code.
    pub code: &'static str,
    /// The HTTP status it comes with.
    pub status: u16,
    /// What it means.
    pub title: &'static str,
}

/// What a problem type means.
#[utoipa::path(
    tag = "health",
    params(("code" = String, Path, description = "The problem's code, as in its `type`", example = "validation_failed")),
    responses(
        (status = 200, description = "The kind of problem", body = ProblemType),
        (status = 404, description = "`not_found`: no such problem type", body = crate::http::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/problems/{code}")]
pub async fn problem_type(code: web::Path<String>) -> ApiResult<HttpResponse> {
    let found = ErrorCode::ALL
        .iter()
        .find(|c| c.code() == code.as_str())
        .ok_or_else(|| ApiError::not_found(format!("there is no problem type '{}'", code.as_str())))?;
    Ok(HttpResponse::Ok().json(ProblemType {
        type_uri: format!("/problems/{}", found.code()),
        code: found.code(),
        status: found.status(),
        title: found.title(),
    }))
}
