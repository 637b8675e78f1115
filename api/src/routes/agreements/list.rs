use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::{AgreementKind, AgreementStatus, PublicationState};
use intercoop_operations::agreements::{self, AgreementFilter, AgreementSort};
use intercoop_operations::{Database, Sort};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request, parse_sort};
use crate::routes::problems::ListProblems;

/// Filters, order and page of the agreement list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AgreementListParams {
    /// Only agreements of this kind.
    kind: Option<AgreementKind>,
    /// Only agreements in this state.
    status: Option<AgreementStatus>,
    /// Only agreements this partner is a party to.
    partner_id: Option<Uuid>,
    /// Only agreements serving this measure.
    measure_id: Option<Uuid>,
    /// Only agreements signed in this year.
    #[param(example = 2024, minimum = 1, maximum = 9999)]
    year: Option<i32>,
    /// Only the agreements in this state: drafts, submitted for review, published or withdrawn
    /// (anonymous callers see published ones only).
    publication: Option<PublicationState>,
    /// Only records owned by this organisational unit (the unit an editor may change).
    owner_unit: Option<String>,
    /// Text to find in the title or description, in either language, in any case.
    q: Option<String>,
    /// `signed_on` (default), `title`, `created_at` or `updated_at`; a leading `-` reverses the order.
    #[param(pattern = "^-?(signed_on|title|created_at|updated_at)$")]
    sort: Option<String>,
    /// Only records changed at or after this time (RFC 3339), for incremental sync; the change feed
    /// (`/api/v1/changes`) tells deletions too.
    #[param(value_type = Option<String>, format = DateTime, example = "2024-06-01T00:00:00Z")]
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many matches to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// List agreements.
///
/// Anonymous callers see published agreements only. The `Link` header points to the first, previous, next and
/// last pages.
#[utoipa::path(
    tag = "agreements",
    params(AgreementListParams),
    responses(
        (status = 200, description = "One page of agreements", body = ListResponse<AgreementResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/agreements")]
pub async fn list_agreements(
    req: HttpRequest,
    caller: Caller,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<AgreementListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let sort = parse_sort(
        params.sort.as_deref(),
        &[
            ("signed_on", AgreementSort::SignedOn),
            ("title", AgreementSort::Title),
            ("created_at", AgreementSort::CreatedAt),
            ("updated_at", AgreementSort::UpdatedAt),
        ],
        Sort { column: AgreementSort::SignedOn, descending: false },
    )?;
    if let Some(year) = params.year.filter(|y| !(1..=9999).contains(y)) {
        return Err(ApiError::invalid_query("year", format!("{year} is not a year from 1 to 9999")));
    }
    let filter = AgreementFilter {
        updated_since: params.updated_since,
        kind: params.kind,
        status: params.status,
        partner_id: params.partner_id,
        measure_id: params.measure_id,
        year: params.year,
        publication: params.publication,
        q: params.q.filter(|q| !q.trim().is_empty()),
        owner_unit: params.owner_unit.filter(|u| !u.trim().is_empty()),
    };
    let result = agreements::list(&db, &caller, &filter, sort, page).await?;
    let items: Vec<AgreementResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
