use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use intercoop_operations::Database;
use intercoop_operations::trail::{self, AuditFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::AuditEntryResponse;
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::routes::problems::GuardedListProblems;

/// Filters and page of the audit trail. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditListParams {
    /// Only changes made by this token subject.
    actor: Option<String>,
    /// Only changes to records of this type (`activity`, `partner`...).
    record_type: Option<String>,
    /// Only changes to this record.
    record_id: Option<Uuid>,
    /// Only changes at or after this time (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Only changes at or before this time (RFC 3339).
    to: Option<DateTime<Utc>>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many matches to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// The audit trail, the latest change first.
///
/// Every create, update and delete, with who made it, when, and each changed field before and after.
#[utoipa::path(
    tag = "audit",
    params(AuditListParams),
    responses(
        (status = 200, description = "One page of the trail", body = ListResponse<AuditEntryResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        GuardedListProblems,
    )
)]
#[get("/audit")]
pub async fn list_audit(
    req: HttpRequest,
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<AuditListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let filter = AuditFilter {
        actor: params.actor,
        record_type: params.record_type,
        record_id: params.record_id,
        from: params.from,
        to: params.to,
    };
    let result = trail::audit_list(&db, &auth, &filter, page).await?;
    let items: Vec<AuditEntryResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
