//! Replacing (`PUT`) and patching (`PATCH`, RFC 7396) the records with a workflow: activities, partners, grants
//! and agreements. Each needs the editor role (the publisher role for a published record), keeps an editor with a
//! unit to that unit's records, honours `If-Match`, and is written to the audit trail.

use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::{ActivityDraft, AgreementDraft, GrantDraft, PartnerDraft};
use intercoop_operations::{Database, activities, agreements, grants, partners};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::activities::ActivityResponse;
use super::agreements::AgreementResponse;
use super::grants::GrantResponse;
use super::partners::PartnerResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::UpdateProblems;

macro_rules! edit_routes {
    (
        $replace:ident, $patch:ident, $path:literal, $tag:literal, $id:literal,
        $replace_summary:literal, $patch_summary:literal, $repo:ident, $draft:ty, $response:ty, $example:tt
    ) => {
        #[utoipa::path(
            tag = $tag,
            summary = $replace_summary,
            description = "The body is the whole record; fields left out take their defaults. A published record needs \
                the publisher role.",
            params(("id" = Uuid, Path, description = $id), IfMatchHeader),
            request_body = $draft,
            responses((status = 200, description = "The record as now stored", body = $response,
                headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))),
                UpdateProblems)
        )]
        #[put($path)]
        pub async fn $replace(
            auth: Authorized<Editor>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
            Body(draft): Body<$draft>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::replace(&db, &auth, id.into_inner(), pre.if_match(), draft).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }

        #[utoipa::path(
            tag = $tag,
            summary = $patch_summary,
            description = "The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. \
                The same roles as a replace.",
            params(("id" = Uuid, Path, description = $id), IfMatchHeader),
            request_body(content = $draft, content_type = "application/merge-patch+json",
                description = "The fields to change", example = json!($example)),
            responses((status = 200, description = "The record as now stored", body = $response,
                headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))),
                UpdateProblems)
        )]
        #[patch($path)]
        pub async fn $patch(
            auth: Authorized<Editor>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
            Body(patch): Body<serde_json::Value>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::patch(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }
    };
}

edit_routes!(
    replace_activity, patch_activity, "/activities/{id}", "activities", "The activity's id",
    "Replace an activity", "Change some fields of an activity",
    activities, ActivityDraft, ActivityResponse, {"status": "cancelled"}
);
edit_routes!(
    replace_partner, patch_partner, "/partners/{id}", "partners", "The partner's id",
    "Replace a partner", "Change some fields of a partner",
    partners, PartnerDraft, PartnerResponse, {"website": "https://www.stuttgart.de/"}
);
edit_routes!(
    replace_grant, patch_grant, "/grants/{id}", "grants", "The grant's id",
    "Replace a grant", "Change some fields of a grant",
    grants, GrantDraft, GrantResponse, {"status": "completed"}
);
edit_routes!(
    replace_agreement, patch_agreement, "/agreements/{id}", "agreements", "The agreement's id",
    "Replace an agreement", "Change some fields of an agreement",
    agreements, AgreementDraft, AgreementResponse, {"status": "in_force", "signed_on": "2024-12-10"}
);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(replace_activity)
        .service(patch_activity)
        .service(replace_partner)
        .service(patch_partner)
        .service(replace_grant)
        .service(patch_grant)
        .service(replace_agreement)
        .service(patch_agreement);
}
