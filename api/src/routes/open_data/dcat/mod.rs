//! The DCAT-AP 3.0 catalog of the feeds, for CKAN's DCAT RDF harvester and other portals: every dataset with its
//! distributions and the vocabulary terms they name, paged the Hydra way, as JSON-LD and Turtle.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, SecondsFormat, Utc};
use intercoop_domain::report::Letterhead;
use intercoop_operations::Database;
use serde::Deserialize;
use utoipa::IntoParams;

use super::catalog::ALL_TYPES;
use super::http::Freshness;
use super::standards::base_url;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::FeedProblems;
use intercoop_operations::open_data::rdf::{Node, Object, to_jsonld, to_turtle};
use intercoop_operations::open_data::{OpenDataSettings, installed_at};

mod entries;
mod graph;
mod vocabulary;

use entries::{Entry, entries};
use graph::Context;
use vocabulary::Terms;

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

/// The catalog page as RDF nodes, its paging links naming `file` (each serialisation pages to itself).
async fn graph(
    req: &HttpRequest,
    db: &Database,
    letterhead: &Letterhead,
    settings: &OpenDataSettings,
    params: &CatalogParams,
    file: &str,
) -> Result<Vec<Node>, ApiError> {
    let page = params.page.unwrap_or(1);
    if !(1..=1_000_000).contains(&page) {
        return Err(ApiError::invalid_query("page", format!("{page} is not a page from 1 to 1000000")));
    }
    let page = page as usize;
    let feeds = format!("{}/open-data/v1", base_url(req));
    let all = entries(db, &feeds).await?;
    let listed: Vec<&Entry> = match params.modified_since {
        Some(since) => all.iter().filter(|e| e.modified.is_some_and(|m| m >= since)).collect(),
        None => all.iter().collect(),
    };
    let total = listed.len();
    let last_page = total.div_ceil(PAGE_SIZE).max(1);
    if page > last_page {
        return Err(ApiError::not_found(format!("the catalog has {last_page} page(s)")));
    }
    let shown: Vec<&Entry> = listed.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();

    let context = Context { feeds: &feeds, letterhead, settings };
    let mut terms = Terms::default();
    let issued = installed_at(db).await?;
    let mut nodes = vec![context.catalog(&mut terms, &all, &shown, issued)];
    nodes.extend(context.agents(&mut terms));
    for e in &shown {
        nodes.extend(context.dataset(&mut terms, e));
    }
    nodes.extend(terms.into_nodes());

    let page_uri = |n: usize| {
        let since =
            params.modified_since.map(|s| format!("&modified_since={}", s.to_rfc3339_opts(SecondsFormat::Secs, true)));
        format!("{feeds}/{file}?page={n}{}", since.unwrap_or_default())
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

/// The catalog page in one serialisation: `file` names it in the paging links, `render` writes it.
async fn serve(
    req: HttpRequest,
    (db, letterhead, settings): (&Database, &Letterhead, &OpenDataSettings),
    params: &CatalogParams,
    (file, content_type): (&str, &str),
    render: fn(&[Node]) -> String,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(db, ALL_TYPES, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let nodes = graph(&req, db, letterhead, settings, params, file).await?;
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.insert_header((header::CONTENT_TYPE, content_type)).body(render(&nodes)))
}

/// The DCAT-AP 3.0 catalog as JSON-LD.
///
/// A `dcat:Catalog` with every dataset (`dcat:Dataset`: identifier, titles, descriptions and keywords in Ukrainian
/// and English, EU data themes, publisher, contact point, spatial and temporal coverage, `dct:modified`) and its
/// distributions (`dcat:Distribution`: access and download URL, IANA media type, format from the EU file-type
/// vocabulary, description, licence, availability), and the vocabulary terms they name, typed as DCAT-AP 3.0's
/// shapes ask; 50 datasets a page with Hydra paging (`hydra:PagedCollection`, `hydra:nextPage`, naming this
/// serialisation). `modified_since` keeps the datasets changed since. The `@context` is inline.
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
    settings: web::Data<OpenDataSettings>,
    ListQuery(params): ListQuery<CatalogParams>,
) -> ApiResult<HttpResponse> {
    let render = |nodes: &[Node]| to_jsonld(nodes).to_string();
    serve(req, (&db, &letterhead, &settings), &params, ("catalog.jsonld", "application/ld+json"), render).await
}

/// The DCAT-AP 3.0 catalog as Turtle: the same triples as `catalog.jsonld` (but for its paging links, which name
/// `catalog.ttl`). The one URL for a portal's harvester (CKAN: ckanext-dcat's RDF harvester).
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
    settings: web::Data<OpenDataSettings>,
    ListQuery(params): ListQuery<CatalogParams>,
) -> ApiResult<HttpResponse> {
    let turtle = ("catalog.ttl", "text/turtle; charset=utf-8");
    serve(req, (&db, &letterhead, &settings), &params, turtle, to_turtle).await
}
