use actix_web::{HttpResponse, post, web};
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Corrections, Home};
use uuid::Uuid;

use super::ImportResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::OptionalBody;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::StepWithBodyProblems;
use intercoop_domain::report::Letterhead;

/// Apply an uploaded report: create its new drafts.
///
/// Creates, in one transaction, a draft activity for each proposed activity whose fate is `new` now and a draft
/// partner for each of `new_partners`, and marks the upload `applied`; all of them or, on any failure, none. Events imported before are left alone, so
/// applying another upload of the same report creates nothing twice. An editor whose token names a unit gets
/// drafts of that unit. Applying an upload twice answers 409.
///
/// The body may correct the proposal first (or be left out): an activity left out (`skip`), or its measure,
/// title, kind or dates put right, by its position in `activities`. A correction that names no activity, or
/// leaves its activity unable to become a draft (a measure the programme lacks, an invalid draft, one imported
/// before), is refused (422) and nothing is created.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "The upload's id"), IfMatchHeader),
    request_body(content = Option<Corrections>, description = "Corrections of the proposal, if any"),
    responses(
        (status = 200, description = "Applied: the upload with the ids of the drafts created", body = ImportResponse,
            headers(("ETag" = String, description = "The upload's new version"))),
        StepWithBodyProblems,
    )
)]
#[post("/imports/{id}/apply")]
pub async fn apply_import(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    OptionalBody(corrections): OptionalBody<Corrections>,
) -> ApiResult<HttpResponse> {
    let home = Home::of(&letterhead);
    let corrections = corrections.unwrap_or_default();
    let applied = imports::apply(&db, &auth, id.into_inner(), pre.if_match(), &home, &corrections).await?;
    let body = ImportResponse::of(&db, &applied, &home).await?;
    Ok(ok(applied.version, &body))
}
