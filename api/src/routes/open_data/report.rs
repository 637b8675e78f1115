//! The annual report's table of a year as an open dataset: one row per activity under each measure.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::DateRange;
use intercoop_domain::report;
use intercoop_operations::{Caller, Database, Error, reports};
use serde_json::{Map, Value, json};

use super::feeds::{FeedParams, ReportFeedParams};
use super::http::Freshness;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::extract::lang;
use crate::routes::problems::ReportFeedProblems;
use intercoop_documents::csv::table;
use intercoop_operations::open_data::csv;
use intercoop_operations::open_data::datasets::{REPORT, REPORT_COLUMNS};

/// The report table of `year` in `lang`: 404 when no programme runs in that year, 409 when several do (the rule
/// the importer follows too).
async fn rows(db: &Database, year: i32, params: &FeedParams) -> Result<Vec<Vec<String>>, ApiError> {
    for (given, name) in [
        (params.after.is_some(), "after"),
        (params.limit.is_some(), "limit"),
        (params.updated_since.is_some(), "updated_since"),
    ] {
        if given {
            return Err(ApiError::invalid_query(name, "a report table comes whole; only lang applies"));
        }
    }
    let lang = lang(params.lang.as_deref())?;
    let programme_id = reports::programme_of(db, year, None).await.map_err(Error::from)?;
    let data = reports::data(db, &Caller::default(), programme_id, year, false).await?;
    Ok(table(&report::build(&data, year, lang, false)))
}

/// The annual report's table of a year as JSON.
///
/// `{"dataset": "report-YEAR", "items": [...]}`, each item with the columns of the report table (see
/// `datapackage.json`); empty cells are null, and `additional_dates` is a list of `{start_date, end_date}` (the
/// further periods of an activity held in parts, as the activity has them). `lang=en` for the English report.
#[utoipa::path(
    tag = "open-data",
    params(("year" = i32, Path, description = "The report's year", example = 2024), ReportFeedParams),
    responses(
        (status = 200, description = "The report table", content_type = "application/json", body = Object,
            example = json!({"dataset": "report-2024", "items": [{"section": "I", "measure_code": "1.1", "date_phrase": "26 січня 2024 року", "start_date": "2024-01-26", "end_date": null}]})),
        (status = 304, description = "Not modified since the client's copy"),
        ReportFeedProblems,
    )
)]
#[get("/report-{year}.json")]
pub async fn report_json(
    req: HttpRequest,
    db: web::Data<Database>,
    year: web::Path<i32>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(&db, REPORT.sources, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let items: Vec<Value> = rows(&db, *year, &params)
        .await?
        .into_iter()
        .map(|row| {
            let fields = REPORT_COLUMNS.iter().zip(row).map(|(c, v)| {
                let value = match c.name {
                    "additional_dates" => {
                        Value::Array(v.split("; ").filter_map(DateRange::parse_iso).map(|r| json!(r)).collect())
                    }
                    _ if v.is_empty() => Value::Null,
                    _ => Value::String(v),
                };
                (c.name.to_owned(), value)
            });
            Value::Object(fields.collect::<Map<_, _>>())
        })
        .collect();
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.json(serde_json::json!({"dataset": format!("report-{}", *year), "items": items})))
}

/// The annual report's table of a year as CSV (RFC 4180, UTF-8, header row).
#[utoipa::path(
    tag = "open-data",
    params(("year" = i32, Path, description = "The report's year", example = 2024), ReportFeedParams),
    responses(
        (status = 200, description = "The report table", content_type = "text/csv", body = String,
            example = "section,section_title,measure_code,measure_title,activity_id,date_phrase\r\n"),
        (status = 304, description = "Not modified since the client's copy"),
        ReportFeedProblems,
    )
)]
#[get("/report-{year}.csv")]
pub async fn report_csv(
    req: HttpRequest,
    db: web::Data<Database>,
    year: web::Path<i32>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(&db, REPORT.sources, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let mut body = csv::header(REPORT_COLUMNS);
    for row in rows(&db, *year, &params).await? {
        body.push_str(&csv::line(row));
    }
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8; header=present")).body(body))
}
