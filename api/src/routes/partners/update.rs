use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::PartnerDraft;
use intercoop_persistence::Database;
use intercoop_persistence::partners;
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::{Authorized, Editor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Body;
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;
use crate::routes::{check_may_change, check_unit, merge_patch};

/// Replace a partner.
///
/// The body is the whole partner; fields left out take their defaults. Needs the editor role, and the publisher
/// role when the partner is or becomes published.
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The partner's id"), IfMatchHeader),
    request_body = PartnerDraft,
    responses((status = 200, description = "The partner as now stored", body = PartnerResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[put("/partners/{id}")]
pub async fn replace_partner(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(mut draft): Body<PartnerDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    let record = partners::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = PartnerResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a partner.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. The same roles as a
/// replace.
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The partner's id"), IfMatchHeader),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"website": "https://www.stuttgart.de/"})),
    responses((status = 200, description = "The partner as now stored", body = PartnerResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[patch("/partners/{id}")]
pub async fn patch_partner(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = partners::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        let mut draft: PartnerDraft = merge_patch(&current.data, patch)?;
        draft.check()?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = PartnerResponse::from(record);
    Ok(ok(body.version, &body))
}
