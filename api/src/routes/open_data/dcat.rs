//! The DCAT-AP catalog of the feeds, for CKAN's DCAT harvester and other portals: every dataset with its
//! distributions, stable URIs, `dct:modified`, publisher and licence, paged the Hydra way, as JSON-LD and Turtle.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, SecondsFormat, Utc};
use intercoop_domain::report::Letterhead;
use intercoop_operations::{Database, Error, open_data};
use serde::Deserialize;
use utoipa::IntoParams;

use super::catalog::ALL_TYPES;
use super::http::Freshness;
use super::standards::base_url;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::FeedProblems;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::open_data::datasets::{Dataset, RECORDS, REPORT};
use intercoop_operations::open_data::rdf::{Node, Object, to_jsonld, to_turtle};
use intercoop_operations::open_data::report_years;

const PAGE_SIZE: usize = 50;

/// Which page of the catalog, and which datasets.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CatalogParams {
    /// The page, from 1 (50 datasets a page).
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u64>,
    /// Only datasets modified at or after this time (RFC 3339).
    #[param(example = "2024-06-01T00:00:00Z")]
    modified_since: Option<DateTime<Utc>>,
}

fn time(t: DateTime<Utc>) -> Object {
    Object::Typed(t.to_rfc3339_opts(SecondsFormat::Secs, true), "xsd:dateTime")
}

/// One dataset of the catalog: its name, description, modification time and distributions (label, URL, media
/// type, format).
struct Entry {
    name: String,
    dataset: Dataset,
    modified: Option<DateTime<Utc>>,
    distributions: Vec<(&'static str, String, &'static str, &'static str)>,
}

async fn entries(db: &Database, feeds: &str) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    for d in RECORDS {
        let modified = open_data::stamp(db, d.sources).await?.last_at;
        let mut distributions = vec![
            ("CSV (українською)", format!("{feeds}/{}.csv", d.name), "text/csv", "CSV"),
            ("CSV (English)", format!("{feeds}/{}.csv?lang=en", d.name), "text/csv", "CSV"),
            ("JSON", format!("{feeds}/{}.json", d.name), "application/json", "JSON"),
        ];
        match d.name {
            "partners" => {
                distributions.push(("GeoJSON", format!("{feeds}/partners.geojson"), "application/geo+json", "GeoJSON"))
            }
            "grants" => {
                distributions.push(("360Giving", format!("{feeds}/grants.360giving.json"), "application/json", "JSON"))
            }
            "activities" => distributions.push((
                "schema.org Event",
                format!("{feeds}/activities.jsonld"),
                "application/ld+json",
                "JSON-LD",
            )),
            _ => {}
        }
        out.push(Entry { name: d.name.to_owned(), dataset: d, modified, distributions });
    }
    let report_modified = open_data::stamp(db, REPORT.sources).await?.last_at;
    for year in report_years(db).await? {
        let name = format!("report-{year}");
        out.push(Entry {
            distributions: vec![
                ("CSV (українською)", format!("{feeds}/{name}.csv"), "text/csv", "CSV"),
                ("CSV (English)", format!("{feeds}/{name}.csv?lang=en"), "text/csv", "CSV"),
                ("JSON", format!("{feeds}/{name}.json"), "application/json", "JSON"),
            ],
            name,
            dataset: REPORT,
            modified: report_modified,
        });
    }
    Ok(out)
}

/// The catalog page as RDF nodes.
async fn graph(
    req: &HttpRequest,
    db: &Database,
    letterhead: &Letterhead,
    licence: &OpenDataSettings,
    params: &CatalogParams,
) -> Result<Vec<Node>, ApiError> {
    let page = params.page.unwrap_or(1);
    if !(1..=1_000_000).contains(&page) {
        return Err(ApiError::invalid_query("page", format!("{page} is not a page from 1 to 1000000")));
    }
    let page = page as usize;
    let feeds = format!("{}/open-data/v1", base_url(req));
    let mut all = entries(db, &feeds).await?;
    if let Some(since) = params.modified_since {
        all.retain(|e| e.modified.is_some_and(|m| m >= since));
    }
    let total = all.len();
    let last_page = total.div_ceil(PAGE_SIZE).max(1);
    if page > last_page {
        return Err(ApiError::not_found(format!("the catalog has {last_page} page(s)")));
    }
    let shown: Vec<&Entry> = all.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();

    let catalog_uri = format!("{feeds}/catalog");
    let publisher_uri = format!("{feeds}/publisher");
    let mut nodes = Vec::new();
    let mut catalog = Node::new(&catalog_uri, "dcat:Catalog");
    catalog
        .both(
            "dct:title",
            "Відкриті дані програми міжнародного співробітництва та промоції",
            "Open data of the programme of international cooperation and promotion",
        )
        .both(
            "dct:description",
            "Заходи програми, їх виконання, партнери, гранти та угоди",
            "The programme's measures, what was done under them, partners, grants and agreements",
        )
        .iri("dct:publisher", &publisher_uri)
        .iri("dct:license", &licence.license_url)
        .iri("foaf:homepage", format!("{feeds}/"));
    if let Some(modified) = all.iter().filter_map(|e| e.modified).max() {
        catalog.add("dct:modified", time(modified));
    }
    for e in &shown {
        catalog.iri("dcat:dataset", format!("{feeds}/datasets/{}", e.name));
    }
    nodes.push(catalog);

    let mut publisher = Node::new(&publisher_uri, "foaf:Agent");
    publisher.both(
        "foaf:name",
        &letterhead.council.uk,
        letterhead.council.en.as_deref().unwrap_or(&letterhead.council.uk),
    );
    nodes.push(publisher);

    for e in &shown {
        let uri = format!("{feeds}/datasets/{}", e.name);
        let mut dataset = Node::new(&uri, "dcat:Dataset");
        let (title_uk, title_en) = match e.name.strip_prefix("report-") {
            Some(year) => (format!("{}, {year}", e.dataset.title_uk), format!("{}, {year}", e.dataset.title_en)),
            None => (e.dataset.title_uk.to_owned(), e.dataset.title_en.to_owned()),
        };
        dataset
            .add("dct:identifier", Object::Text(e.name.clone()))
            .both("dct:title", &title_uk, &title_en)
            .both("dct:description", e.dataset.description_uk, e.dataset.description_en)
            .iri("dct:publisher", &publisher_uri)
            .iri("dct:license", &licence.license_url)
            .iri("dcat:landingPage", format!("{feeds}/#{}", e.dataset.name))
            .iri("dct:conformsTo", format!("{feeds}/datapackage.json"));
        if let Some(modified) = e.modified {
            dataset.add("dct:modified", time(modified));
        }
        for (_, url, _, _) in &e.distributions {
            dataset.iri("dcat:distribution", url);
        }
        nodes.push(dataset);
        for (label, url, media_type, format) in &e.distributions {
            let mut distribution = Node::new(url, "dcat:Distribution");
            distribution
                .add("dct:title", Object::Text(format!("{} — {label}", e.name)))
                .iri("dcat:accessURL", url)
                .iri("dcat:downloadURL", url)
                .iri("dcat:mediaType", format!("http://www.iana.org/assignments/media-types/{media_type}"))
                .add("dct:format", Object::Text((*format).to_owned()))
                .iri("dct:license", &licence.license_url);
            if let Some(modified) = e.modified {
                distribution.add("dct:modified", time(modified));
            }
            nodes.push(distribution);
        }
    }

    let page_uri = |n: usize| {
        let since =
            params.modified_since.map(|s| format!("&modified_since={}", s.to_rfc3339_opts(SecondsFormat::Secs, true)));
        format!("{feeds}/catalog.jsonld?page={n}{}", since.unwrap_or_default())
    };
    let mut paging = Node::new(page_uri(page), "hydra:PagedCollection");
    paging
        .add("hydra:totalItems", Object::Typed(total.to_string(), "xsd:integer"))
        .add("hydra:itemsPerPage", Object::Typed(PAGE_SIZE.to_string(), "xsd:integer"))
        .iri("hydra:firstPage", page_uri(1))
        .iri("hydra:lastPage", page_uri(last_page));
    if page < last_page {
        paging.iri("hydra:nextPage", page_uri(page + 1));
    }
    if page > 1 {
        paging.iri("hydra:previousPage", page_uri(page - 1));
    }
    nodes.push(paging);
    Ok(nodes)
}

/// The DCAT-AP catalog as JSON-LD.
///
/// A `dcat:Catalog` with every dataset (`dcat:Dataset`: identifier, titles and descriptions in Ukrainian and
/// English, `dct:modified`, publisher, licence) and its distributions (`dcat:Distribution`: download URL, media
/// type, format), 50 datasets a page with Hydra paging (`hydra:PagedCollection`, `hydra:nextPage`), as CKAN's DCAT
/// harvester reads it. `modified_since` keeps the datasets changed since. The `@context` is inline.
#[utoipa::path(
    tag = "open-data",
    params(CatalogParams),
    responses(
        (status = 200, description = "The catalog", content_type = "application/ld+json", body = Object,
            example = json!({"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@graph": [{"@id": "https://intercoop.example.org/open-data/v1/catalog", "@type": ["http://www.w3.org/ns/dcat#Catalog"]}]})),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/catalog.jsonld")]
pub async fn catalog_jsonld(
    req: HttpRequest,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    licence: web::Data<OpenDataSettings>,
    ListQuery(params): ListQuery<CatalogParams>,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(&db, ALL_TYPES, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let nodes = graph(&req, &db, &letterhead, &licence, &params).await?;
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.insert_header((header::CONTENT_TYPE, "application/ld+json")).body(to_jsonld(&nodes).to_string()))
}

/// The DCAT-AP catalog as Turtle: the same triples as `catalog.jsonld`.
#[utoipa::path(
    tag = "open-data",
    params(CatalogParams),
    responses(
        (status = 200, description = "The catalog", content_type = "text/turtle", body = String,
            example = "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n\n<https://intercoop.example.org/open-data/v1/catalog>\n    a dcat:Catalog .\n"),
        (status = 304, description = "Not modified since the client's copy"),
        FeedProblems,
    )
)]
#[get("/catalog.ttl")]
pub async fn catalog_ttl(
    req: HttpRequest,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    licence: web::Data<OpenDataSettings>,
    ListQuery(params): ListQuery<CatalogParams>,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(&db, ALL_TYPES, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let nodes = graph(&req, &db, &letterhead, &licence, &params).await?;
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.insert_header((header::CONTENT_TYPE, "text/turtle; charset=utf-8")).body(to_turtle(&nodes)))
}
