use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{Datelike, NaiveDate};
use intercoop_domain::{ActivityFormat, ActivityKind, ActivityStatus, CountryCode, PublicationState};
use intercoop_operations::activities::{self, ActivityFilter, ActivitySort};
use intercoop_operations::{Database, Sort};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request, parse_sort};
use crate::routes::problems::ListProblems;

/// Filters, order and page of the activity list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActivityListParams {
    /// Only activities that overlap this calendar year.
    #[param(example = 2024, minimum = 1, maximum = 9999)]
    year: Option<i32>,
    /// Only activities that end on or after this day.
    from: Option<NaiveDate>,
    /// Only activities that start on or before this day.
    to: Option<NaiveDate>,
    /// Only activities under this measure.
    measure_id: Option<Uuid>,
    /// Only activities with this partner.
    partner_id: Option<Uuid>,
    /// Only activities held in this country (ISO 3166-1 alpha-2).
    #[param(example = "DE")]
    country: Option<CountryCode>,
    /// Only activities of this kind.
    kind: Option<ActivityKind>,
    /// Only activities held in this format.
    format: Option<ActivityFormat>,
    /// Only planned, done or cancelled activities.
    status: Option<ActivityStatus>,
    /// Only the activities in this state: drafts, submitted for review, published or withdrawn
    /// (anonymous callers see published ones only).
    publication: Option<PublicationState>,
    /// Only records owned by this organisational unit (the unit an editor may change).
    owner_unit: Option<String>,
    /// Text to find in the title, description or outcome, in either language, in any case.
    #[param(example = "Eurocities")]
    q: Option<String>,
    /// `start_date` (default), `title`, `created_at` or `updated_at`; a leading `-` reverses the order.
    #[param(example = "-start_date", pattern = "^-?(start_date|title|created_at|updated_at)$")]
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

/// List activities.
///
/// Each activity comes with its measures' codes and titles and its partners' names. Anonymous callers see
/// published activities only. The `Link` header points to the first, previous, next and last pages.
#[utoipa::path(
    tag = "activities",
    params(ActivityListParams),
    responses(
        (status = 200, description = "One page of activities", body = ListResponse<ActivityResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/activities")]
pub async fn list_activities(
    req: HttpRequest,
    caller: Caller,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<ActivityListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let sort = parse_sort(
        params.sort.as_deref(),
        &[
            ("start_date", ActivitySort::StartDate),
            ("title", ActivitySort::Title),
            ("created_at", ActivitySort::CreatedAt),
            ("updated_at", ActivitySort::UpdatedAt),
        ],
        Sort { column: ActivitySort::StartDate, descending: false },
    )?;
    if let Some(year) = params.year.filter(|y| !(1..=9999).contains(y)) {
        return Err(ApiError::invalid_query("year", format!("{year} is not a year from 1 to 9999")));
    }
    for (name, date) in [("from", params.from), ("to", params.to)] {
        if let Some(date) = date.filter(|d| !intercoop_domain::dates::YEARS.contains(&d.year())) {
            return Err(ApiError::invalid_query(name, format!("{date} is outside the years 1000 to 9999")));
        }
    }
    if let (Some(from), Some(to)) = (params.from, params.to)
        && to < from
    {
        return Err(ApiError::invalid_query("to", format!("{to} is before from={from}")));
    }
    let filter = ActivityFilter {
        updated_since: params.updated_since,
        year: params.year,
        from: params.from,
        to: params.to,
        measure_id: params.measure_id,
        partner_id: params.partner_id,
        country: params.country,
        kind: params.kind,
        format: params.format,
        status: params.status,
        publication: params.publication,
        q: params.q.filter(|q| !q.trim().is_empty()),
        owner_unit: params.owner_unit.filter(|u| !u.trim().is_empty()),
    };
    let result = activities::list(&db, &caller, &filter, sort, page).await?;
    let items: Vec<ActivityResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
