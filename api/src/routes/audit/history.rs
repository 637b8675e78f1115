//! `GET /api/v1/{collection}/{id}/history`: one record's changes, the oldest first.

use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Caller, Database, trail};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::AuditEntryResponse;
use crate::auth::{Authorized, Viewer};
use crate::http::error::ApiResult;
use crate::routes::problems::GuardedGetProblems;

async fn history(db: &Database, caller: &Caller, record_type: &str, id: Uuid) -> ApiResult<HttpResponse> {
    let entries = trail::history(db, caller, record_type, id).await?;
    let body: Vec<AuditEntryResponse> = entries.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

macro_rules! history_route {
    ($name:ident, $path:literal, $tag:literal, $kind:literal, $summary:literal) => {
        /// Every change to the record, the oldest first: who, when, and each changed field before and after.
        #[utoipa::path(
            tag = $tag,
            summary = $summary,
            description = "Every change to the record, the oldest first: who, when, and each changed field before \
                and after; a deleted record keeps its history.",
            params(("id" = Uuid, Path, description = "The record's id")),
            responses((status = 200, description = "The record's changes, the oldest first", body = Vec<AuditEntryResponse>), GuardedGetProblems)
        )]
        #[get($path)]
        pub async fn $name(auth: Authorized<Viewer>, db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
            history(&db, &auth, $kind, id.into_inner()).await
        }
    };
}

history_route!(programme_history, "/programmes/{id}/history", "programmes", "programme", "The history of a programme");
history_route!(measure_history, "/measures/{id}/history", "programmes", "measure", "The history of a measure");
history_route!(activity_history, "/activities/{id}/history", "activities", "activity", "The history of an activity");
history_route!(partner_history, "/partners/{id}/history", "partners", "partner", "The history of a partner");
history_route!(grant_history, "/grants/{id}/history", "grants", "grant", "The history of a grant");
history_route!(agreement_history, "/agreements/{id}/history", "agreements", "agreement", "The history of an agreement");

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(programme_history)
        .service(measure_history)
        .service(activity_history)
        .service(partner_history)
        .service(grant_history)
        .service(agreement_history);
}
