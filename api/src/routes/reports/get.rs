use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::report::{self, Letterhead};
use intercoop_operations::{Database, reports};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::ReportFormat;
use crate::auth::{Caller, Role};
use crate::http::error::{ApiError, ApiResult, ErrorCode};
use crate::http::extract::ListQuery;
use crate::routes::problems::ReportProblems;

/// How to write the report. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// `json`, `html`, `md`, `csv` or `docx`; overrides the `Accept` header.
    format: Option<ReportFormat>,
    /// `uk` (default) or `en`; English text falls back to Ukrainian where a record has no translation.
    #[param(example = "uk", pattern = "^(uk|en)$")]
    lang: Option<String>,
    /// `drafts` adds draft activities: a preview for editors, marked as such.
    #[param(example = "drafts", pattern = "^drafts$")]
    include: Option<String>,
}

/// The annual implementation report.
///
/// "Звіт про стан реалізації Програми ... за {year} рік": the programme's sections and measures in code order,
/// and under each measure its published activities of the year in date order, each opening with its date
/// phrase ("04-05 березня 2024 року"); "Заходи не здійснювались." where a measure had none. JSON, printable
/// HTML (A4 landscape, with the letterhead and signature), Markdown, CSV or Word (DOCX), chosen by `format` or
/// the `Accept` header. `include=drafts` previews drafts and needs the editor role.
#[utoipa::path(
    tag = "reports",
    params(
        ("id" = Uuid, Path, description = "The programme's id"),
        ("year" = i32, Path, description = "The reporting year, within the programme's years", example = 2024),
        ReportParams,
    ),
    responses(
        (status = 200, description = "The report", content(
            (report::Report = "application/json"),
            (String = "text/html"),
            (String = "text/markdown"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )),
        ReportProblems,
    )
)]
#[get("/programmes/{id}/reports/{year}")]
pub async fn get_report(
    req: HttpRequest,
    caller: Caller,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    path: web::Path<(Uuid, i32)>,
    ListQuery(params): ListQuery<ReportParams>,
) -> ApiResult<HttpResponse> {
    let (programme_id, year) = path.into_inner();
    let lang = crate::http::extract::lang(params.lang.as_deref())?;
    let drafts = match params.include.as_deref() {
        None => false,
        Some("drafts") => true,
        Some(other) => {
            return Err(ApiError::invalid_query("include", format!("'{other}' cannot be included; use drafts")));
        }
    };
    if drafts && !caller.has(Role::Editor) {
        return Err(if caller.role.is_none() {
            ApiError::new(ErrorCode::MissingToken, "a preview with drafts needs a bearer token with the editor role")
                .with_header(header::WWW_AUTHENTICATE, r#"Bearer realm="intercoop""#)
        } else {
            ApiError::forbidden("a preview with drafts needs the editor role")
        });
    }
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = match params.format {
        Some(format) => format,
        None => ReportFormat::negotiate(accept).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotAcceptable,
                format!(
                    "the report is written as application/json, text/html, text/markdown, text/csv or {} (Word)",
                    super::DOCX
                ),
            )
        })?,
    };
    let data = reports::data(&db, &caller, programme_id, year, drafts).await?;
    let report = report::build(&data, year, lang, drafts);
    let body: Vec<u8> = match format {
        ReportFormat::Json => serde_json::to_vec(&report).map_err(ApiError::internal)?,
        ReportFormat::Html => {
            let grants = reports::grants_of_year(&db, &data, year, drafts).await?;
            let summary = report::summary(&data, year, &grants);
            intercoop_documents::html::render(&report, &summary, &letterhead, lang).into_bytes()
        }
        ReportFormat::Md => intercoop_documents::markdown::render(&report, &letterhead, lang).into_bytes(),
        ReportFormat::Csv => intercoop_documents::csv::render(&report).into_bytes(),
        ReportFormat::Docx => {
            intercoop_documents::docx::render(&report, &letterhead, lang).map_err(ApiError::internal)?
        }
    };
    let filename = format!("report-{year}-{}.{}", lang.code(), format.extension());
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, format.content_type()))
        .insert_header((header::VARY, "Accept"))
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")))
        .body(body))
}
