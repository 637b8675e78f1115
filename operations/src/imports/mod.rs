//! Importing an earlier year's report: the upload, its plan (what each dated event becomes), applying it as
//! drafts, and discarding it. An editor with a unit works on its unit's uploads only, as with records.

mod corrections;
mod docx_text;
mod plan;
mod proposal;
mod reading;
mod structure;
mod upload;

pub use corrections::{Correction, Corrections};
pub use docx_text::{UNPACKED_MAX, docx_text};
use intercoop_domain::Role;
use intercoop_persistence::imports;
pub use intercoop_persistence::imports::{ImportState, ReportImport};
pub use plan::{
    Fate, Home, ImportFlag, Plan, PlanError, PlannedActivity, ProposedPartner, plan, plan_corrected, programme_of,
};
pub use reading::{MAX_EVENTS, UPLOADS, read_upload, report_text};
pub use structure::{ProposedMeasure, ProposedProgramme, ProposedSection};
pub use upload::{UploadForm, upload};
use uuid::Uuid;

use crate::{Caller, Database, Error, ErrorCode, IfMatch, Page, PageRequest, Result};

/// A report uploaded for import, read and checked.
pub struct Upload {
    /// None when no programme runs in the year: applying creates the one the report names.
    pub programme_id: Option<Uuid>,
    pub year: i32,
    pub file_name: String,
    pub text: String,
}

/// Keeps an upload for review, as the caller's unit's: needs the editor role.
pub async fn save(db: &Database, caller: &Caller, upload: Upload) -> Result<ReportImport> {
    caller.require(Role::Editor, "importing a report")?;
    let Upload { programme_id, year, file_name, text } = upload;
    let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(255).collect();
    let new = imports::NewImport { programme_id, year, file_name, text, owner_unit: caller.unit.clone() };
    Ok(imports::save(db, &caller.actor(), new).await?)
}

/// An upload the caller may use: an editor of another unit than the uploader's gets 403, as with records.
pub async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<ReportImport> {
    caller.require(Role::Editor, "a report's import")?;
    let import = imports::get(db, id).await?;
    caller.check_unit(Some(&import.owner_unit), &mut import.owner_unit.clone())?;
    Ok(import)
}

/// The uploads the caller may use, newest first: an editor with a unit sees its unit's and those of no unit.
pub async fn list(
    db: &Database,
    caller: &Caller,
    state: Option<ImportState>,
    page: PageRequest,
) -> Result<Page<ReportImport>> {
    caller.require(Role::Editor, "the report imports")?;
    Ok(imports::list(db, state, caller.bound_unit(), page).await?)
}

/// Discards an upload and its text; the drafts an applied upload created stay.
pub async fn discard(db: &Database, caller: &Caller, id: Uuid) -> Result<()> {
    let import = get(db, caller, id).await?;
    Ok(imports::delete(db, import.id).await?)
}

/// Creates the drafts the upload proposes (new partners included) with the caller's corrections, for the caller's
/// unit, and marks it applied: all in one transaction. 422 when a correction names no event, or leaves its event
/// unable to become a draft; 409 when it was applied already, or was applied or discarded meanwhile.
pub async fn apply(
    db: &Database,
    caller: &Caller,
    id: Uuid,
    if_match: &IfMatch,
    home: &Home,
    corrections: &Corrections,
) -> Result<ReportImport> {
    let import = get(db, caller, id).await?;
    if_match.check(import.version)?;
    if import.state == ImportState::Applied {
        return Err(Error::new(ErrorCode::InvalidTransition, format!("the import {id} is applied already")));
    }
    let corrections = &corrections.corrections;
    let mut plan = plan_corrected(db, &import.text, import.year, import.programme_id, home, corrections).await?;
    corrections::check_outcome(&plan, corrections)?;
    let structure = plan.take_structure();
    if structure.is_some() {
        caller.require(Role::Admin, "creating the programme a report names")?;
    }
    let (mut drafts, mut partners) = plan.take_new_drafts();
    for draft in &mut drafts {
        caller.check_unit(None, &mut draft.0.owner_unit)?;
    }
    for partner in &mut partners {
        caller.check_unit(None, &mut partner.owner_unit)?;
    }
    let programme = (plan.programme_id, structure);
    let applied = imports::apply(db, &caller.actor(), id, import.version, programme, drafts, partners).await?;
    applied.ok_or_else(|| {
        Error::new(ErrorCode::InvalidTransition, format!("the import {id} was applied or discarded meanwhile"))
    })
}

/// Creates a plan's new drafts at once, without keeping the upload (the operator's `intercoop import-report`):
/// all or none. `progress` hears how many are written so far.
pub async fn create_drafts(
    db: &Database,
    caller: &Caller,
    plan: &mut Plan,
    progress: impl FnMut(usize, usize),
) -> Result<Vec<Uuid>> {
    caller.require(Role::Editor, "importing a report")?;
    let structure = plan.take_structure();
    if structure.is_some() {
        caller.require(Role::Admin, "creating the programme a report names")?;
    }
    let (mut drafts, mut partners) = plan.take_new_drafts();
    for draft in &mut drafts {
        caller.check_unit(None, &mut draft.0.owner_unit)?;
    }
    for partner in &mut partners {
        caller.check_unit(None, &mut partner.owner_unit)?;
    }
    Ok(imports::create_activities(db, &caller.actor(), structure, drafts, partners, progress).await?)
}
