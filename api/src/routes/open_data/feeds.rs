use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use intercoop_operations::Database;
use intercoop_operations::open_data::{FeedCursor, FeedQuery};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::http::Freshness;
use super::shapes::Format;
use super::stream::Feed;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::FeedProblems;
use intercoop_operations::open_data::datasets::{self, Dataset};

/// The record datasets.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum DatasetName {
    Measures,
    Activities,
    Partners,
    Grants,
    Agreements,
}

/// Which records of the dataset, and (for CSV) in which language.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// Only records changed at or after this time (RFC 3339).
    #[param(example = "2024-06-01T00:00:00Z")]
    pub(super) updated_since: Option<DateTime<Utc>>,
    /// Continue after this cursor: the `next` of the previous JSON page.
    #[param(pattern = "^([0-9]{1,18}_[0-9a-f]{32})?$")]
    pub(super) after: Option<String>,
    /// At most this many records, 1 to 10000; every record without it.
    #[param(minimum = 1, maximum = 10000)]
    pub(super) limit: Option<u64>,
    /// CSV: the language of text cells, `uk` (default) or `en` (Ukrainian where there is no English).
    #[param(example = "en", pattern = "^(uk|en)$")]
    pub(super) lang: Option<String>,
}

/// Which records (the feeds that carry both languages, and so take no `lang`). For the contract; read as
/// [`FeedParams`].
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct RecordFeedParams {
    /// Only records changed at or after this time (RFC 3339).
    #[param(example = "2024-06-01T00:00:00Z")]
    updated_since: Option<DateTime<Utc>>,
    /// Continue after this cursor: the `next` of the previous page.
    #[param(pattern = "^([0-9]{1,18}_[0-9a-f]{32})?$")]
    after: Option<String>,
    /// At most this many records, 1 to 10000; every record without it.
    #[param(minimum = 1, maximum = 10000)]
    limit: Option<u64>,
}

/// The language of a report table, which comes whole. For the contract; read as [`FeedParams`].
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ReportFeedParams {
    /// The language of text cells, `uk` (default) or `en` (Ukrainian where there is no English).
    #[param(example = "en", pattern = "^(uk|en)$")]
    lang: Option<String>,
}

pub(super) fn dataset(name: &str) -> Result<Dataset, ApiError> {
    datasets::find(name).ok_or_else(|| {
        ApiError::not_found(format!(
            "there is no dataset '{name}'; the datasets are measures, activities, partners, grants and agreements"
        ))
    })
}

pub(super) fn query(params: &FeedParams) -> Result<(FeedQuery, Option<u64>), ApiError> {
    if let Some(limit) = params.limit
        && !(1..=10_000).contains(&limit)
    {
        return Err(ApiError::invalid_query("limit", "must be between 1 and 10000"));
    }
    let after = match params.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(text) => Some(FeedCursor::parse(text).ok_or_else(|| {
            ApiError::invalid_query("after", format!("'{text}' is not a cursor of this feed; use a `next` it returned"))
        })?),
    };
    Ok((FeedQuery { after, updated_since: params.updated_since, limit: 0 }, params.limit))
}

pub(super) async fn serve(
    req: &HttpRequest,
    db: &Database,
    dataset: Dataset,
    params: &FeedParams,
    format: Format,
) -> ApiResult<HttpResponse> {
    let (query, limit) = query(params)?;
    let freshness = Freshness::of(db, dataset.sources, req).await?;
    if freshness.not_modified(req) {
        return Ok(freshness.not_modified_response());
    }
    let (content_type, extension) = match format {
        Format::Csv(_) => ("text/csv; charset=utf-8; header=present", "csv"),
        Format::GeoJson => ("application/geo+json", "geojson"),
        Format::Events(_) => ("application/ld+json", "jsonld"),
        Format::Json | Format::Giving360(_) => ("application/json", "json"),
        Format::Iati(_) => ("application/xml; charset=utf-8", "xml"),
    };
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    builder
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{}.{extension}\"", dataset.name)));
    Ok(builder.streaming(Feed::new(db.clone(), dataset, format, query, limit).into_stream()))
}

/// A dataset as JSON: every published record, streamed.
///
/// `{"dataset": NAME, "items": [...], "next": CURSOR}`: each item has the dataset's columns (see
/// `/open-data/v1/datapackage.json`), localized text as `{"uk", "en"}` and lists as arrays. With `limit`, one page
/// ordered by last change: ask again with `after=NEXT` until `next` is null. With `updated_since`, only what changed
/// since. Drafts and withdrawn records never appear. No token needed; open CORS; `ETag`/`Last-Modified` with 304.
#[utoipa::path(
    tag = "open-data",
    params(("dataset" = DatasetName, Path, description = "The dataset"), RecordFeedParams),
    responses(
        (status = 200, description = "The dataset", content_type = "application/json", body = Object,
            example = json!({"dataset": "partners", "items": [{"id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "name": {"uk": "Люблін", "en": "Lublin"}, "kind": "twin_city", "country": "PL", "updated_at": "2024-05-02T09:00:00Z"}], "next": null})),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/{dataset}.json")]
pub async fn dataset_json(
    req: HttpRequest,
    db: web::Data<Database>,
    name: web::Path<String>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    let dataset = dataset(&name)?;
    if params.lang.is_some() {
        return Err(ApiError::invalid_query("lang", "the JSON feed carries both languages; lang is for the CSV"));
    }
    serve(&req, &db, dataset, &params, Format::Json).await
}

/// A dataset as CSV (RFC 4180, UTF-8, header row): every published record, streamed.
///
/// The columns, their order and types are those of the dataset's table schema in
/// `/open-data/v1/datapackage.json`, and do not change. Text cells are in `lang` (Ukrainian by default); lists are
/// joined with "; ". `updated_since`, `after` and `limit` work as on the JSON feed.
#[utoipa::path(
    tag = "open-data",
    params(("dataset" = DatasetName, Path, description = "The dataset"), FeedParams),
    responses(
        (status = 200, description = "The dataset", content_type = "text/csv", body = String,
            example = "id,name,aliases,kind,country\r\n0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a,Люблін,,twin_city,PL\r\n"),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/{dataset}.csv")]
pub async fn dataset_csv(
    req: HttpRequest,
    db: web::Data<Database>,
    name: web::Path<String>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    let dataset = dataset(&name)?;
    let lang = crate::http::extract::lang(params.lang.as_deref())?;
    serve(&req, &db, dataset, &params, Format::Csv(lang)).await
}
