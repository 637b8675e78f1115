use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::GrantDraft;
use intercoop_persistence::Database;
use intercoop_persistence::grants;
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::{Authorized, Editor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Body;
use crate::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;
use crate::routes::{check_may_change, check_unit, merge_patch};

/// Replace a grant.
///
/// The body is the whole grant; fields left out take their defaults. Needs the editor role, and the publisher
/// role when the grant is or becomes published.
#[utoipa::path(
    tag = "grants",
    params(("id" = Uuid, Path, description = "The grant's id"), IfMatchHeader),
    request_body = GrantDraft,
    responses((status = 200, description = "The grant as now stored", body = GrantResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[put("/grants/{id}")]
pub async fn replace_grant(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(mut draft): Body<GrantDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    let record = grants::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = GrantResponse::from(record);
    Ok(ok(body.version, &body))
}

/// Change some fields of a grant.
///
/// The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. The same roles as a
/// replace.
#[utoipa::path(
    tag = "grants",
    params(("id" = Uuid, Path, description = "The grant's id"), IfMatchHeader),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change", example = json!({"status": "completed"})),
    responses((status = 200, description = "The grant as now stored", body = GrantResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), UpdateProblems),
    security(("bearer" = []))
)]
#[patch("/grants/{id}")]
pub async fn patch_grant(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    pre: Preconditions,
    id: web::Path<Uuid>,
    Body(patch): Body<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let record = grants::update(&db, &auth.actor(), id.into_inner(), |current| {
        pre.check(current.meta.version)?;
        let mut draft: GrantDraft = merge_patch(&current.data, patch)?;
        draft.check()?;
        check_may_change(&auth, current.meta.publication)?;
        check_unit(&auth, Some(&current.data.owner_unit), &mut draft.owner_unit)?;
        Ok::<_, ApiError>(draft)
    })
    .await?;
    let body = GrantResponse::from(record);
    Ok(ok(body.version, &body))
}
