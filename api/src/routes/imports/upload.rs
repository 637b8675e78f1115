use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use intercoop_domain::FieldErrors;
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Home, UPLOADS, Upload, plan, programme_of, read_upload};
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

/// What the form held.
#[derive(Default)]
struct Form {
    file: Option<(String, Vec<u8>)>,
    year: Option<String>,
    programme_id: Option<String>,
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

async fn read_form(req: &HttpRequest, payload: web::Payload, limit: usize) -> Result<Form, ApiError> {
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
    let (mut form, mut read) = (Form::default(), 0);
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
    let mut errors = FieldErrors::new();
    let year = match form.year.as_deref().map(str::parse::<i32>) {
        None => {
            errors.add("year", "required", "name the year the report is for");
            None
        }
        Some(Ok(year)) if (1991..=2100).contains(&year) => Some(year),
        Some(_) => {
            errors.add("year", "invalid", "must be a year from 1991 to 2100");
            None
        }
    };
    let programme = match form.programme_id.as_deref().filter(|p| !p.is_empty()).map(Uuid::parse_str) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            errors.add("programme_id", "invalid", "must be a UUID");
            None
        }
    };
    let file = match form.file {
        None => {
            errors.add("file", "required", "attach the report as the field file");
            None
        }
        Some((name, bytes)) => match read_upload(bytes).await? {
            Ok(text) => Some((name, text)),
            Err(message) => {
                errors.add("file", "unreadable", message);
                None
            }
        },
    };
    errors.into_result()?;
    let (Some(year), Some((file_name, text))) = (year, file) else { unreachable!("checked above") };
    let programme_id = match programme_of(&db, year, programme).await {
        Ok(id) => id,
        Err(e) => return Err(ApiError::validation(e.into_field_errors("year", "programme_id")?)),
    };
    let plan = plan(&db, &text, year, programme_id, &Home::of(&letterhead)).await?;
    if plan.measures.is_empty() {
        return Err(field_error(
            "file",
            "no_table",
            "no row of a measure (such as 1.2) was found in the report's table",
        ));
    }
    let import = imports::save(&db, &auth, Upload { programme_id, year, file_name, text }).await?;
    let body = ImportResponse::new(&import, plan);
    Ok(created(format!("/api/v1/imports/{}", import.id), import.version, &body))
}
