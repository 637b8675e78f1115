//! The import's first page: the form to upload a report (Word or text) with its year, and the uploads so far.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use intercoop_domain::report::Letterhead;
use intercoop_domain::roles::Editor;
use intercoop_operations::imports::{self, Home, ImportState, UPLOADS, UploadForm};
use intercoop_operations::{Database, PageRequest};

use crate::forms::{Errors, Refusal};
use crate::page::{PageError, Shell, render, see_other};
use crate::session::Staff;
use crate::{BASE, UploadLimit};

pub struct UploadRow {
    pub id: String,
    pub file_name: String,
    pub year: i32,
    pub state: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "imports/upload.html")]
struct UploadPage {
    shell: Shell,
    year: String,
    errors: Errors,
    uploads: Vec<UploadRow>,
}

async fn page(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    db: &Database,
    year: String,
    errors: Errors,
) -> Result<UploadPage, PageError> {
    let tr = staff.tr;
    let uploads = imports::list(db, staff.caller(), None, PageRequest { limit: 50, offset: 0 })
        .await
        .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let uploads = uploads
        .items
        .iter()
        .map(|u| UploadRow {
            id: u.id.to_string(),
            file_name: u.file_name.clone(),
            year: u.year,
            state: tr.t(match u.state {
                ImportState::Applied => "import-applied",
                _ => "import-proposed",
            }),
            created: u.created_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect();
    Ok(UploadPage { shell: Shell::new(req, staff, "imports", tr.t("imports-title")), year, errors, uploads })
}

pub async fn form(req: HttpRequest, staff: Staff<Editor>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    render(&page(&req, &staff, &db, String::new(), Errors::default()).await?)
}

/// Reads the multipart form: the CSRF token, the year and the file (at most `limit` bytes in all).
async fn read(mut multipart: Multipart, limit: usize) -> Result<(String, UploadForm), String> {
    let (mut csrf, mut form, mut read) = (String::new(), UploadForm::default(), 0usize);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|e| e.to_string())?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| e.to_string())?;
            read += chunk.len();
            if read > limit {
                return Err(format!("the file is larger than {} MB", limit / 1_000_000));
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&bytes).trim().to_owned();
        match name.as_str() {
            "csrf" => csrf = text(),
            "year" => form.year = Some(text()),
            "file" if !bytes.is_empty() => form.file = Some((file_name.unwrap_or_else(|| "report".into()), bytes)),
            _ => {}
        }
    }
    Ok((csrf, form))
}

/// Uploads a report: the same checks as the API's upload; the proposal's page follows.
pub async fn upload(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    limit: web::Data<UploadLimit>,
    payload: web::Payload,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let _turn = UPLOADS.turn().await.map_err(|e| PageError::from_operation(tr.lang, e))?;
    let multipart = Multipart::new(req.headers(), payload);
    let (csrf, form) = match read(multipart, limit.0).await {
        Ok(read) => read,
        Err(problem) => return Err(PageError::bad_form(tr.lang, problem)),
    };
    staff.check_csrf(&csrf)?;
    let year = form.year.clone().unwrap_or_default();
    match imports::upload(&db, staff.caller(), form, &Home::of(&letterhead)).await {
        Ok((import, _)) => Ok(see_other(&format!("{BASE}/imports/{}", import.id))),
        Err(e) => {
            let Refusal { status, errors, .. } = Refusal::of(tr, e, |field| field.to_owned())?;
            let mut res = render(&page(&req, &staff, &db, year, errors).await?)?;
            *res.status_mut() = if status == StatusCode::OK { StatusCode::UNPROCESSABLE_ENTITY } else { status };
            Ok(res)
        }
    }
}
