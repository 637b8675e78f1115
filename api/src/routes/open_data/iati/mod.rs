//! `/open-data/v1/iati-activities.xml`: the published activities and grants in the IATI Activity Standard 2.03,
//! so that the council's side of its cooperation can be traced beside its donors' own IATI data.

mod activity;
mod xml;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use futures_util::StreamExt;
use intercoop_domain::report::Letterhead;
use intercoop_operations::Database;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::open_data::datasets::{ACTIVITIES, GRANTS};
use intercoop_operations::open_data::{FeedQuery, fetch};
use serde_json::json;

pub use activity::Iati;

use super::feeds::{FeedParams, query};
use super::http::Freshness;
use super::shapes::Format;
use super::stream::Feed;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::FeedProblems;

/// The record types the IATI file is made of.
const SOURCES: &[&str] = &["activity", "grant", "measure", "partner"];

pub const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n";
pub const TRAILER: &str = "\n</iati-activities>\n";

/// Whether any record is an IATI activity: an IATI file holds at least one.
async fn any(db: &Database, iati: &Iati, query: FeedQuery) -> Result<bool, intercoop_operations::Error> {
    for dataset in [ACTIVITIES, GRANTS] {
        let mut query = FeedQuery { limit: 500, ..query };
        loop {
            let rows = fetch(db, dataset.name, &query).await?;
            let Some((last, _)) = rows.last() else { break };
            query.after = Some(*last);
            let written = |row| if dataset.name == "activities" { iati.activity(row) } else { iati.grant(row) };
            if rows.iter().any(|(_, row)| written(row).is_some()) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The council's organisation identifier: the one configured, or `UA-EDR-` and the letterhead's registry code.
pub fn organisation(settings: &OpenDataSettings, letterhead: &Letterhead) -> String {
    match settings.iati_organisation_identifier.trim() {
        "" => format!("UA-EDR-{}", letterhead.registry_code.trim()),
        configured => configured.to_owned(),
    }
}

/// The published activities and grants as IATI activities (Activity Standard 2.03, XML), streamed.
///
/// The council is the reporting organisation (`reporting-org`, its identifier configured as
/// `open_data.iati_organisation_identifier`, by default `UA-EDR-` and its EDRPOU code) and takes part as accountable
/// (role 2) and implementing (role 4) organisation; every `iati-identifier` is that identifier, `-` and the
/// record's id. Titles and descriptions are narratives in Ukrainian (the default language) and English. Each
/// activity has its status, its dates (`activity-date` types 1-4: actual once they have passed, planned before),
/// `recipient-country` UA, and DAC 5-digit `sector`s mapped from its measures (`open_data.iati_sectors`, by
/// measure code, else `open_data.iati_default_sector`), shares summing to 100. Partners take part as funding (role
/// 1, a funder) or implementing organisations (role 4); the activity's links are `document-link`s.
///
/// A grant is an activity of its own: its donor as funder (role 1), its project dates, a `budget` over them, and an
/// incoming commitment (`transaction` type 11) on the day it was awarded.
///
/// IATI dates are days: an activity known only by its month or year, a grant without a project start, one whose
/// donor is not published and a rejected application are left out (they are in the other feeds), as is a partner
/// that only took part (IATI's roles are funding, accountable, extending and implementing), and a budget over more
/// than a year (IATI's budgets are at most a year; the record holds no yearly split). Text loses the characters
/// XML cannot hold. Published records only; `updated_since` keeps what changed since; 404 when no record is an
/// IATI activity (a file holds at least one). `ETag`/`Last-Modified` with 304, changing with the day too (a date
/// becomes actual once it passes).
#[utoipa::path(
    tag = "open-data",
    params(("updated_since" = Option<String>, Query, description = "Only records changed at or after this time (RFC 3339), e.g. 2024-06-01T00:00:00Z", format = DateTime)),
    responses(
        (status = 200, description = "The IATI activities", content_type = "application/xml", body = String,
            example = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n<iati-activity xml:lang=\"uk\"><iati-identifier>UA-EDR-39816211-0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a</iati-identifier></iati-activity>\n</iati-activities>\n"),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/iati-activities.xml")]
pub async fn iati_activities(
    req: HttpRequest,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    settings: web::Data<OpenDataSettings>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    for (given, name) in
        [(params.after.is_some(), "after"), (params.limit.is_some(), "limit"), (params.lang.is_some(), "lang")]
    {
        if given {
            return Err(ApiError::invalid_query(
                name,
                "the IATI file comes whole, in both languages; only updated_since applies",
            ));
        }
    }
    let (query, _) = query(&params)?;
    let today = chrono::Utc::now().date_naive();
    let freshness = Freshness::of(&db, SOURCES, &req).await?.by_day(today);
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let council = &letterhead.council;
    let iati = Iati {
        organisation: organisation(&settings, &letterhead),
        council: json!({"uk": council.uk, "en": council.en}),
        sectors: settings.iati_sectors.clone(),
        default_sector: settings.iati_default_sector.clone(),
        today,
    };
    if !any(&db, &iati, query).await? {
        return Err(ApiError::not_found(
            "no published activity known to the day, and no grant with its project start, to publish as IATI yet",
        ));
    }
    let format = Format::Iati(Box::new(iati));
    let activities = Feed::new(db.get_ref().clone(), ACTIVITIES, format.clone(), query, None).into_stream();
    let grants = Feed::new(db.get_ref().clone(), GRANTS, format, query, None).into_stream();
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    builder
        .insert_header((header::CONTENT_TYPE, "application/xml; charset=utf-8"))
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"iati-activities.xml\""));
    Ok(builder.streaming(activities.chain(grants)))
}
