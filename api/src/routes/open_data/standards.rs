//! The datasets in the shapes other tools read: partners as GeoJSON, grants as 360Giving, activities as
//! schema.org Events.

use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_domain::report::Letterhead;
use intercoop_operations::Database;

use super::feeds::{FeedParams, RecordFeedParams, dataset, serve};
use super::shapes::{Format, Recipient};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::FeedProblems;

fn no_lang(params: &FeedParams) -> Result<(), ApiError> {
    match params.lang {
        Some(_) => {
            Err(ApiError::invalid_query("lang", "this feed carries both languages where it can; lang is for CSV"))
        }
        None => Ok(()),
    }
}

pub use crate::http::proxies::base_url;

/// Partners with coordinates as a GeoJSON FeatureCollection (RFC 7946).
///
/// Each partner is a Point feature (longitude, latitude, WGS 84) whose properties are the partners dataset's
/// columns. Partners without coordinates are left out. Published partners only.
#[utoipa::path(
    tag = "open-data",
    params(RecordFeedParams),
    responses(
        (status = 200, description = "The partners as GeoJSON", content_type = "application/geo+json", body = Object,
            example = json!({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "geometry": {"type": "Point", "coordinates": [22.57, 51.25]}, "properties": {"name": {"uk": "Люблін", "en": "Lublin"}, "kind": "twin_city", "country": "PL"}}]})),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/partners.geojson")]
pub async fn partners_geojson(
    req: HttpRequest,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    no_lang(&params)?;
    serve(&req, &db, dataset("partners")?, &params, Format::GeoJson).await
}

/// Grants in the 360Giving Data Standard (JSON).
///
/// Each published grant with `id` (`360G-intercoop-{id}`), `title`, `description`, `currency`, `amountAwarded`,
/// `awardDate`, `recipientOrganization` (the council, by its EDRPOU code), `fundingOrganization` (the donor),
/// `plannedDates` and `dateModified`. The standard requires the funder and the award date: a grant whose donor is
/// not published or whose award date is not recorded is left out until they are (it is in `grants.json`).
#[utoipa::path(
    tag = "open-data",
    params(RecordFeedParams),
    responses(
        (status = 200, description = "The grants as 360Giving JSON", content_type = "application/json", body = Object,
            example = json!({"grants": [{"id": "360G-intercoop-0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "title": "Відновлення", "description": "Відновлення", "currency": "EUR", "amountAwarded": 654800.0, "awardDate": "2024-03-01", "recipientOrganization": [{"id": "UA-EDR-04060772", "name": "Хмельницька міська рада"}], "fundingOrganization": [{"id": "intercoop-partner-0193a4d2-0000-7000-8000-000000000001", "name": "ПРООН"}], "dateModified": "2024-03-02T10:00:00Z"}]})),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/grants.360giving.json")]
pub async fn grants_360giving(
    req: HttpRequest,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    no_lang(&params)?;
    let recipient =
        Recipient { id: format!("UA-EDR-{}", letterhead.registry_code), name: letterhead.council.uk.clone() };
    serve(&req, &db, dataset("grants")?, &params, Format::Giving360(recipient)).await
}

/// Activities as schema.org Events in JSON-LD.
///
/// An `@graph` of `Event`s with `name` and `description` in Ukrainian and English, `startDate` and `endDate` to the
/// precision they are known (`2024-05-14`, `2024-05` or `2024`, as ISO 8601 allows), an activity held in parts as
/// `subEvent`s, `location` (a `Place` where the record names one, a `VirtualLocation` online, both when hybrid;
/// none where the record does not say), `eventStatus`, `eventAttendanceMode` and `dateModified`. The `@context` is
/// inline, so no parser needs to fetch anything. Published activities only.
#[utoipa::path(
    tag = "open-data",
    params(RecordFeedParams),
    responses(
        (status = 200, description = "The activities as JSON-LD", content_type = "application/ld+json", body = Object,
            example = json!({"@context": {"@vocab": "https://schema.org/"}, "@graph": [{"@type": "Event", "@id": "https://intercoop.example.org/api/v1/activities/0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "name": [{"@value": "Візит делегації", "@language": "uk"}], "startDate": "2024-05-02"}]})),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/activities.jsonld")]
pub async fn activities_jsonld(
    req: HttpRequest,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<FeedParams>,
) -> ApiResult<HttpResponse> {
    no_lang(&params)?;
    serve(&req, &db, dataset("activities")?, &params, Format::Events(base_url(&req))).await
}
