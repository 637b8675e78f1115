use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use intercoop_domain::FieldErrors;
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Home, UPLOADS, UploadForm};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::ImportResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::{ApiError, ApiResult, ErrorCode};
use crate::http::extract::{UploadLimit, too_large};
use crate::routes::created;
use crate::routes::problems::UploadProblems;
use intercoop_domain::report::Letterhead;

/// The form of an upload (`multipart/form-data`).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ReportUpload {
    /// The report: a Word document (.docx) or UTF-8 text in the shape of the filed reports (the table as Word
    /// copies it, cells separated by tabs).
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
    /// The year the report is for.
    #[schema(example = 2023)]
    year: i32,
    /// The programme; may be left out when one programme runs in that year.
    programme_id: Option<Uuid>,
}

async fn read_field(field: &mut Field, limit: usize, read: &mut usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| malformed(format!("the form could not be read: {e}")))?;
        *read += chunk.len();
        if *read > limit {
            return Err(too_large(limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn malformed(detail: String) -> ApiError {
    ApiError::validation(FieldErrors::single("", "malformed_form", detail))
}

async fn read_form(req: &HttpRequest, payload: web::Payload, limit: usize) -> Result<UploadForm, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("send the report as multipart/form-data with the fields file and year (got '{content_type}')"),
        ));
    }
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large(limit));
    }
    let mut multipart = Multipart::new(req.headers(), payload);
    let (mut form, mut read) = (UploadForm::default(), 0);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|e| malformed(format!("the form could not be read: {e}")))?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_owned);
        let bytes = read_field(&mut field, limit, &mut read).await?;
        let text = || String::from_utf8(bytes.clone()).map(|t| t.trim().to_owned());
        match name.as_str() {
            "file" => form.file = Some((file_name.unwrap_or_else(|| "report".to_owned()), bytes)),
            "year" => form.year = Some(text().map_err(|_| field_error("year", "invalid", "must be a year"))?),
            "programme_id" => {
                form.programme_id = Some(text().map_err(|_| field_error("programme_id", "invalid", "must be a UUID"))?)
            }
            other => {
                return Err(field_error(
                    other,
                    "unknown_field",
                    "is not a field of the form; send file, year and programme_id",
                ));
            }
        }
    }
    Ok(form)
}

fn field_error(field: &str, code: &str, message: &str) -> ApiError {
    ApiError::validation(FieldErrors::single(field, code, message))
}

/// Upload an earlier report to import.
///
/// Reads the report (a Word document or the text of one) into the draft activities it proposes: one per dated
/// event, under the measure whose row it stands in, with its dates read by the reports' Ukrainian date grammar,
/// the partners it names recognised, and the paragraph kept as its description. Nothing is created yet: the
/// answer is the proposal, kept at `Location`, and `POST /api/v1/imports/{id}/apply` creates the drafts.
#[utoipa::path(
    tag = "imports",
    request_body(content = ReportUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Read: the upload and its proposal", body = ImportResponse,
            headers(("Location" = String, description = "The upload's URL"))),
        UploadProblems,
    )
)]
#[post("/imports")]
pub async fn create_import(
    req: HttpRequest,
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    limit: web::Data<UploadLimit>,
    letterhead: web::Data<Letterhead>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let _turn = UPLOADS.turn().await?;
    let form = read_form(&req, payload, limit.0).await?;
    let (import, plan) = imports::upload(&db, &auth, form, &Home::of(&letterhead)).await?;
    let body = ImportResponse::new(&import, plan);
    Ok(created(format!("/api/v1/imports/{}", import.id), import.version, &body))
}
