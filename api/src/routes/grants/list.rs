use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::{CurrencyCode, GrantStatus, PublicationState};
use intercoop_operations::grants::{self, GrantFilter, GrantSort};
use intercoop_operations::{Database, Sort};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request, parse_sort};
use crate::routes::problems::ListProblems;

/// Filters, order and page of the grant list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GrantListParams {
    /// Only grants from this donor.
    donor_id: Option<Uuid>,
    /// Only grants in this state.
    status: Option<GrantStatus>,
    /// Only grants in this currency (ISO 4217).
    #[param(example = "EUR")]
    currency: Option<CurrencyCode>,
    /// Only grants serving this measure.
    measure_id: Option<Uuid>,
    /// Only grants linked to this activity.
    activity_id: Option<Uuid>,
    /// Only grants awarded in this year.
    #[param(example = 2024, minimum = 1, maximum = 9999)]
    year: Option<i32>,
    /// Only the grants in this state: drafts, submitted for review, published or withdrawn
    /// (anonymous callers see published ones only).
    publication: Option<PublicationState>,
    /// Only records owned by this organisational unit (the unit an editor may change).
    owner_unit: Option<String>,
    /// Text to find in the project title, description or instrument, in any case.
    q: Option<String>,
    /// `awarded_on` (default), `title`, `created_at` or `updated_at`; a leading `-` reverses the order.
    #[param(pattern = "^-?(awarded_on|title|created_at|updated_at)$")]
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

/// List grants.
///
/// Anonymous callers see published grants only. The `Link` header points to the first, previous, next and last
/// pages.
#[utoipa::path(
    tag = "grants",
    params(GrantListParams),
    responses(
        (status = 200, description = "One page of grants", body = ListResponse<GrantResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/grants")]
pub async fn list_grants(
    req: HttpRequest,
    caller: Caller,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<GrantListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let sort = parse_sort(
        params.sort.as_deref(),
        &[
            ("awarded_on", GrantSort::AwardedOn),
            ("title", GrantSort::Title),
            ("created_at", GrantSort::CreatedAt),
            ("updated_at", GrantSort::UpdatedAt),
        ],
        Sort { column: GrantSort::AwardedOn, descending: false },
    )?;
    if let Some(year) = params.year.filter(|y| !(1..=9999).contains(y)) {
        return Err(ApiError::invalid_query("year", format!("{year} is not a year from 1 to 9999")));
    }
    let filter = GrantFilter {
        updated_since: params.updated_since,
        donor_id: params.donor_id,
        status: params.status,
        currency: params.currency,
        measure_id: params.measure_id,
        activity_id: params.activity_id,
        year: params.year,
        publication: params.publication,
        q: params.q.filter(|q| !q.trim().is_empty()),
        owner_unit: params.owner_unit.filter(|u| !u.trim().is_empty()),
    };
    let result = grants::list(&db, &caller, &filter, sort, page).await?;
    let items: Vec<GrantResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
