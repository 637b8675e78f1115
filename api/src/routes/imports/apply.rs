use actix_web::{HttpResponse, post, web};
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Home};
use uuid::Uuid;

use super::ImportResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;
use intercoop_domain::report::Letterhead;

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
    let applied = imports::apply(&db, &auth, id.into_inner(), pre.if_match(), &home).await?;
    let body = ImportResponse::of(&db, &applied, &home).await?;
    Ok(ok(applied.version, &body))
}
