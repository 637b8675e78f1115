use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::AgreementDraft;
use intercoop_persistence::Database;
use intercoop_persistence::agreements;
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::{Authorized, Editor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Body;
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;
use crate::routes::{check_may_change, check_unit, merge_patch};

/// Replace a agreement.
///
/// The body is the whole agreement; fields left out take their defaults. Needs the editor role, and the publisher
/// role when the agreement is or becomes published.
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id"), IfMatchHeader),
    request_body = AgreementDraft,
    responses((status = 200, description = "The agreement as now stored", body = AgreementResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[put("/agreements/{id}")]
pub async fn replace_agreement(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(mut draft): Body<AgreementDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    let record = agreements::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = AgreementResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a agreement.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. The same roles as a
/// replace.
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id"), IfMatchHeader),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"status": "in_force", "signed_on": "2024-12-10"})),
    responses((status = 200, description = "The agreement as now stored", body = AgreementResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[patch("/agreements/{id}")]
pub async fn patch_agreement(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = agreements::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        let mut draft: AgreementDraft = merge_patch(&current.data, patch)?;
        draft.check()?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = AgreementResponse::from(record);
    Ok(ok(body.version, &body))
}
