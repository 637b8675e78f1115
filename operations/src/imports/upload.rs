//! Uploading an earlier report: the form's year, programme and file checked, the file read (Word or text), the
//! programme of the year found, the report's table found, and the upload kept for review. The REST API and the
//! console both read their form into an [`UploadForm`] and come here.

use intercoop_domain::FieldErrors;
use uuid::Uuid;

use super::{Home, Plan, PlanError, ReportImport, Upload, plan, programme_of, read_upload, save};
use crate::{Caller, Database, Error, Result};

/// An upload form as sent: each field as text (trimmed), the file with its name.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub file: Option<(String, Vec<u8>)>,
    pub year: Option<String>,
    pub programme_id: Option<String>,
}

/// Reads and keeps an uploaded report: needs the editor role; 422 naming each field that is wrong (no year, a
/// year out of range, an unknown programme, no file or an unreadable one, a report without the table of measures).
/// When no programme runs in the year, the plan proposes the one the report names.
/// A door takes an [`UPLOADS`](super::UPLOADS) turn before it reads the form, so that few uploads are held in memory at once.
pub async fn upload(db: &Database, caller: &Caller, form: UploadForm, home: &Home) -> Result<(ReportImport, Plan)> {
    caller.require(intercoop_domain::Role::Editor, "importing a report")?;
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
    let (Some(year), Some((file_name, text))) = (year, file) else {
        return Err(Error::validation(errors));
    };
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    let programme_id = match programme_of(db, year, programme).await {
        Ok(id) => Some(id),
        Err(PlanError::NoProgramme(_)) => None,
        Err(e) => return Err(Error::validation(e.into_field_errors("year", "programme_id")?)),
    };
    let plan = plan(db, &text, year, programme_id, home).await?;
    if plan.measures.is_empty() {
        return Err(Error::validation(FieldErrors::single(
            "file",
            "no_table",
            "no row of a measure (such as 1.2) was found in the report's table",
        )));
    }
    let import = save(db, caller, Upload { programme_id, year, file_name, text }).await?;
    Ok((import, plan))
}
