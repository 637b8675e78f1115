use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_operations::{Database, programmes};
use serde::Deserialize;
use utoipa::IntoParams;

use super::ProgrammeResponse;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::routes::problems::ListProblems;

/// Filters and page of the programme list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeListParams {
    /// Only programmes that run in this year.
    #[param(example = 2024, minimum = 1, maximum = 9999)]
    year: Option<i32>,
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

/// List programmes, the latest first.
#[utoipa::path(
    tag = "programmes",
    params(ProgrammeListParams),
    responses(
        (status = 200, description = "One page of programmes", body = ListResponse<ProgrammeResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/programmes")]
pub async fn list_programmes(
    req: HttpRequest,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<ProgrammeListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    if let Some(year) = params.year.filter(|y| !(1..=9999).contains(y)) {
        return Err(ApiError::invalid_query("year", format!("{year} is not a year from 1 to 9999")));
    }
    let result = programmes::list(&db, params.year, params.updated_since, page).await?;
    let items: Vec<ProgrammeResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
