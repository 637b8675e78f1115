use actix_web::{HttpResponse, post, web};
use intercoop_persistence::Database;
use intercoop_persistence::imports::{self, ImportState};
use uuid::Uuid;

use super::ImportResponse;
use crate::auth::{Authorized, Editor};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::report_import::{Home, plan};
use crate::routes::problems::TransitionProblems;
use intercoop_domain::report::Letterhead;

fn already_applied(id: Uuid) -> ApiError {
    ApiError::new(ErrorCode::InvalidTransition, format!("the import {id} is applied already"))
}

/// Apply an uploaded report: create its new drafts.
///
/// Creates, in one transaction, a draft activity for each proposed activity whose fate is `new` now and a draft
/// partner for each of `new_partners`, and marks the upload `applied`; all of them or, on any failure, none. Events imported before are left alone, so
/// applying another upload of the same report creates nothing twice. An editor whose token names a unit gets
/// drafts of that unit. Applying an upload twice answers 409.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "The upload's id"), IfMatchHeader),
    responses(
        (status = 200, description = "Applied: the upload with the ids of the drafts created", body = ImportResponse,
            headers(("ETag" = String, description = "The upload's new version"))),
        TransitionProblems,
    )
)]
#[post("/imports/{id}/apply")]
pub async fn apply_import(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    pre: Preconditions,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let home = Home::of(&letterhead);
    let id = id.into_inner();
    let import = super::manage::owned_import(&auth, &db, id).await?;
    pre.if_match().check(import.version)?;
    if import.state == ImportState::Applied {
        return Err(already_applied(id));
    }
    let (mut drafts, mut partners) =
        plan(&db, &import.text, import.year, import.programme_id, &home).await?.take_new_drafts();
    for draft in &mut drafts {
        auth.check_unit(None, &mut draft.0.owner_unit)?;
    }
    for partner in &mut partners {
        auth.check_unit(None, &mut partner.owner_unit)?;
    }
    let applied = imports::apply(&db, &auth.actor(), id, import.version, drafts, partners).await?;
    // Another request applied or discarded it in between.
    let applied = applied.ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidTransition, format!("the import {id} was applied or discarded meanwhile"))
    })?;
    let body = ImportResponse::of(&db, &applied, &home).await?;
    Ok(ok(applied.version, &body))
}
