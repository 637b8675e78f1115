//! The proposal of an upload, and its form: read the proposal, correct it (each editable event's inputs, kept as
//! typed), preview the corrections, or apply it: the drafts it proposes (and its new partners) are created in one
//! transaction, with the corrections.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use intercoop_domain::report::Letterhead;
use intercoop_domain::roles::Editor;
use intercoop_domain::{ActivityKind, FieldErrors};
use intercoop_operations::imports::{self, Correction, Corrections, Home, Plan, ReportImport, plan, plan_corrected};
use intercoop_operations::records::programmes;
use intercoop_operations::{Database, ErrorCode, IfMatch};
use uuid::Uuid;

use super::proposal::page;
use crate::BASE;
use crate::forms;
use crate::page::{PageError, see_other};
use crate::session::Staff;

async fn stored(db: &Database, staff: &Staff<Editor>, id: &str) -> Result<ReportImport, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    imports::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

/// The measure codes of the plan's programme (the one the report brings, when it does), for the inputs to suggest.
async fn codes(db: &Database, plan: &Plan) -> Vec<String> {
    if let Some(new) = &plan.new_programme {
        return new.sections.iter().flat_map(|s| s.measures.iter().map(|m| m.code.clone())).collect();
    }
    let Some(programme_id) = plan.programme_id else { return Vec::new() };
    let Ok(structure) = programmes::structure(db, programme_id).await else { return Vec::new() };
    structure.sections.iter().flat_map(|(_, measures)| measures.iter().map(|m| m.data.code.to_string())).collect()
}

pub async fn show(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let import = stored(&db, &staff, &id).await?;
    let home = Home::of(&letterhead);
    let plan = plan(&db, &import.text, import.year, import.programme_id, &home)
        .await
        .map_err(|e| PageError::from_operation(staff.tr.lang, e))?;
    let codes = codes(&db, &plan).await;
    page(&req, &staff, &import, (&plan, codes, false), (&[], None), StatusCode::OK)
}

/// The corrections the form's rows make: for each editable row (`index`), left out when its `keep` box is not
/// ticked, else the measure, title and kind that differ from the proposal as read.
fn corrections(pairs: &[(String, String)], read: &Plan) -> Vec<Correction> {
    let value = |name: String| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.trim().to_owned());
    let mut out = Vec::new();
    for index in pairs.iter().filter(|(k, _)| k == "index").filter_map(|(_, v)| v.parse::<usize>().ok()) {
        let Some(original) = read.activities.get(index) else { continue };
        let mut c = Correction {
            index,
            skip: !pairs.iter().any(|(k, v)| k == "keep" && v == &index.to_string()),
            ..Correction::default()
        };
        c.measure_code = value(format!("measure_{index}")).filter(|m| *m != original.measure_code);
        c.title = value(format!("title_{index}")).filter(|t| *t != original.title);
        c.kind = value(format!("kind_{index}")).and_then(|k| ActivityKind::parse(&k)).filter(|k| *k != original.kind);
        if c != (Correction { index, ..Correction::default() }) {
            out.push(c);
        }
    }
    out
}

/// Previews the form's corrections, or applies the upload with them; a refused apply shows the proposal again
/// with the corrections as typed and what was wrong beside their rows.
pub async fn apply(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let pairs: Vec<(String, String)> = forms::read(&body, lang)?;
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    staff.check_csrf(field("csrf"))?;
    let import = stored(&db, &staff, &id).await?;
    let home = Home::of(&letterhead);
    let failed = |e| PageError::from_operation(lang, e);
    let read = plan(&db, &import.text, import.year, import.programme_id, &home).await.map_err(failed)?;
    let codes = codes(&db, &read).await;
    let corrections = corrections(&pairs, &read);
    let corrected = plan_corrected(&db, &import.text, import.year, import.programme_id, &home, &corrections)
        .await
        .map_err(failed)?;
    if field("action") == "preview" {
        return page(&req, &staff, &import, (&corrected, codes, true), (&corrections, None), StatusCode::OK);
    }
    let if_match = IfMatch::version(field("version").parse().unwrap_or_default());
    let all = Corrections { corrections: corrections.clone() };
    match imports::apply(&db, staff.caller(), import.id, &if_match, &home, &all).await {
        Ok(_) => Ok(see_other(&format!("{BASE}/imports/{}?done=applied", import.id))),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let mut refused = FieldErrors::new();
            for error in e.errors {
                refused.add(error.field, &error.code, error.message);
            }
            page(
                &req,
                &staff,
                &import,
                (&corrected, codes, true),
                (&corrections, Some(refused)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(failed(e)),
    }
}
