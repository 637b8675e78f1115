use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::MeasureCode;
use intercoop_operations::Database;
use intercoop_operations::measures::{self, MeasureFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::MeasureResponse;
use crate::http::error::ApiResult;
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::routes::problems::ListProblems;

/// Filters and page of the measure list. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MeasureListParams {
    /// Only the measures of this programme.
    programme_id: Option<Uuid>,
    /// Only the measures of this section.
    section_id: Option<Uuid>,
    /// Only the measure with this code.
    #[param(example = "1.10")]
    code: Option<MeasureCode>,
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

/// List measures, in code order (1.2 before 1.10).
#[utoipa::path(
    tag = "programmes",
    params(MeasureListParams),
    responses(
        (status = 200, description = "One page of measures", body = ListResponse<MeasureResponse>,
            headers(("Link" = String, description = "RFC 8288 links to the first, prev, next and last pages"))),
        ListProblems,
    )
)]
#[get("/measures")]
pub async fn list_measures(
    req: HttpRequest,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<MeasureListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let filter = MeasureFilter {
        updated_since: params.updated_since,
        programme_id: params.programme_id,
        section_id: params.section_id,
        code: params.code,
    };
    let result = measures::list(&db, &filter, page).await?;
    let items: Vec<MeasureResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}
