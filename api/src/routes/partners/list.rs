use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::{CountryCode, PartnerKind, PublicationState};
use intercoop_operations::partners::{self, PartnerFilter, PartnerSort};
use intercoop_operations::{Database, Sort};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::Caller;
use crate::http::error::ApiResult;
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request, parse_sort};
use crate::routes::problems::ListProblems;

/// Filters, order and page of the partner list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartnerListParams {
    /// Only partners of this kind.
    kind: Option<PartnerKind>,
    /// Only partners in this country (ISO 3166-1 alpha-2).
    #[param(example = "DE")]
    country: Option<CountryCode>,
    /// Only the partners within this one (the districts of a city, the projects of a donor).
    parent_id: Option<Uuid>,
    /// Only the partners in this state: drafts, submitted for review, published or withdrawn
    /// (anonymous callers see published ones only).
    publication: Option<PublicationState>,
    /// Only records owned by this organisational unit (the unit an editor may change).
    owner_unit: Option<String>,
    /// Text to find in the Ukrainian or English name or an alias, in any case.
    #[param(example = "нефко")]
    q: Option<String>,
    /// `name` (default), `created_at` or `updated_at`; a leading `-` reverses the order.
    #[param(example = "-updated_at", pattern = "^-?(name|created_at|updated_at)$")]
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

/// List partners.
///
/// Anonymous callers see published partners only; any role sees drafts too. The `Link` header points to the
/// first, previous, next and last pages.
#[utoipa::path(
    tag = "partners",
    params(PartnerListParams),
    responses(
        (status = 200, description = "One page of partners", body = ListResponse<PartnerResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/partners")]
pub async fn list_partners(
    req: HttpRequest,
    caller: Caller,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<PartnerListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let sort = parse_sort(
        params.sort.as_deref(),
        &[("name", PartnerSort::Name), ("created_at", PartnerSort::CreatedAt), ("updated_at", PartnerSort::UpdatedAt)],
        Sort { column: PartnerSort::Name, descending: false },
    )?;
    let filter = PartnerFilter {
        updated_since: params.updated_since,
        kind: params.kind,
        country: params.country,
        parent_id: params.parent_id,
        publication: params.publication,
        q: params.q.filter(|q| !q.trim().is_empty()),
        owner_unit: params.owner_unit.filter(|u| !u.trim().is_empty()),
    };
    let result = partners::list(&db, &caller, &filter, sort, page).await?;
    let items: Vec<PartnerResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
