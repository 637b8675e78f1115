//! What describes the feeds: the Frictionless data package (a table schema per CSV, in Ukrainian and English) and
//! the `/open-data/v1/` page a person reads.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use intercoop_documents::markup::escape;
use intercoop_operations::Database;
use intercoop_operations::open_data::report_years;
use serde_json::{Value, json};

use super::http::Freshness;
use super::standards::base_url;
use crate::http::error::ApiResult;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::open_data::datasets::{Column, ColumnType, Dataset, RECORDS, REPORT};

fn field(c: &Column) -> Value {
    let mut f = json!({"name": c.name, "type": c.kind.as_str(), "description": format!("{} | {}", c.uk, c.en)});
    if c.kind == ColumnType::DateTime {
        f["format"] = json!("any");
    }
    f
}

/// What every CSV does to cells a spreadsheet would run as formulas (see `intercoop_operations::open_data::csv`).
const DEFUSED_UK: &str = "Текстова клітинка, що починається з =, +, -, @, табуляції чи повернення каретки, має \
                          попереду апостроф ('), щоб електронна таблиця не виконала її як формулу.";
const DEFUSED_EN: &str = "A text cell that begins with =, +, -, @, a tab or a carriage return is written after an \
                          apostrophe ('), so that a spreadsheet does not run it as a formula.";

fn resource(base: &str, name: &str, d: &Dataset) -> Value {
    let mut schema = json!({"fields": d.columns.iter().map(field).collect::<Vec<_>>(), "missingValues": [""]});
    if d.columns.first().is_some_and(|c| c.name == "id") {
        schema["primaryKey"] = json!("id");
    }
    json!({
        "name": name,
        "path": format!("{base}/open-data/v1/{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": format!("{} | {}", d.title_uk, d.title_en),
        "description": format!("{} {DEFUSED_UK} | {} {DEFUSED_EN}", d.description_uk, d.description_en),
        "schema": schema,
    })
}

/// The data package: every dataset's CSV with its table schema.
pub async fn datapackage(
    db: &Database,
    base: &str,
    licence: &OpenDataSettings,
) -> Result<Value, intercoop_operations::Error> {
    let mut resources: Vec<Value> = RECORDS.iter().map(|d| resource(base, d.name, d)).collect();
    for year in report_years(db).await? {
        resources.push(resource(base, &format!("report-{year}"), &REPORT));
    }
    Ok(json!({
        "profile": "tabular-data-package",
        "name": "intercoop",
        "title": "Програма міжнародного співробітництва та промоції | Programme of international cooperation and promotion",
        "description": "Заходи програми, їх виконання, партнери, гранти та угоди | The programme's measures, what was done under them, partners, grants and agreements",
        "homepage": format!("{base}/open-data/v1/"),
        "licenses": [{"name": licence.license_id, "title": licence.license_title, "path": licence.license_url}],
        "resources": resources,
    }))
}

pub const ALL_TYPES: &[&str] = &["programme", "section", "measure", "activity", "partner", "grant", "agreement"];

/// The data dictionary as a Frictionless Data Package.
///
/// A tabular data package with one resource per CSV (the record datasets and the report table of each year), each
/// with its table schema: field names, types, and descriptions in Ukrainian and English (`uk | en`).
#[utoipa::path(
    tag = "open-data",
    responses(
        (status = 200, description = "The data package", content_type = "application/json", body = Object,
            example = json!({"profile": "tabular-data-package", "name": "intercoop", "resources": [{"name": "partners", "path": "https://intercoop.example.org/open-data/v1/partners.csv", "schema": {"fields": [{"name": "id", "type": "string"}]}}]})),
        (status = 304, description = "Not modified since the client's copy"),
    )
)]
#[get("/datapackage.json")]
pub async fn datapackage_json(
    req: HttpRequest,
    db: web::Data<Database>,
    licence: web::Data<OpenDataSettings>,
) -> ApiResult<HttpResponse> {
    let freshness = Freshness::of(&db, ALL_TYPES, &req).await?;
    if freshness.not_modified(&req) {
        return Ok(freshness.not_modified_response());
    }
    let body = datapackage(&db, &base_url(&req), &licence).await?;
    let mut builder = HttpResponse::Ok();
    freshness.headers(&mut builder);
    Ok(builder.json(body))
}

fn table(name: &str, d: &Dataset, formats: &[(&str, String)]) -> String {
    let links: Vec<String> =
        formats.iter().map(|(label, href)| format!("<a href=\"{}\">{label}</a>", escape(href))).collect();
    let rows: String = d
        .columns
        .iter()
        .map(|c| {
            format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                c.name,
                c.kind.as_str(),
                escape(c.uk),
                escape(c.en)
            )
        })
        .collect();
    format!(
        "<section id=\"{name}\"><h2>{} <small>/ {}</small></h2><p>{}<br>{}</p><p>{}</p>\
         <table><thead><tr><th>Поле / Field</th><th>Тип / Type</th><th>Українською</th><th>In English</th></tr></thead>\
         <tbody>{rows}</tbody></table></section>",
        escape(d.title_uk),
        escape(d.title_en),
        escape(d.description_uk),
        escape(d.description_en),
        links.join(" · ")
    )
}

/// The open data, for people: each dataset with its formats and its columns.
#[utoipa::path(
    tag = "open-data",
    responses((status = 200, description = "The page", content_type = "text/html", body = String))
)]
#[get("/")]
pub async fn open_data_page(
    req: HttpRequest,
    db: web::Data<Database>,
    licence: web::Data<OpenDataSettings>,
) -> ApiResult<HttpResponse> {
    let base = format!("{}/open-data/v1", base_url(&req));
    let mut sections = String::new();
    for d in RECORDS {
        let mut formats = vec![("CSV", format!("{base}/{}.csv", d.name)), ("JSON", format!("{base}/{}.json", d.name))];
        match d.name {
            "partners" => formats.push(("GeoJSON", format!("{base}/partners.geojson"))),
            "grants" => formats.extend([
                ("360Giving", format!("{base}/grants.360giving.json")),
                ("IATI 2.03 (XML)", format!("{base}/iati-activities.xml")),
            ]),
            "activities" => formats.extend([
                ("JSON-LD (schema.org Event)", format!("{base}/activities.jsonld")),
                ("IATI 2.03 (XML)", format!("{base}/iati-activities.xml")),
            ]),
            _ => {}
        }
        sections.push_str(&table(d.name, &d, &formats));
    }
    let years = report_years(&db).await?;
    let report_links: Vec<(&str, String)> = years
        .iter()
        .flat_map(|y| [("CSV", format!("{base}/report-{y}.csv")), ("JSON", format!("{base}/report-{y}.json"))])
        .collect();
    sections.push_str(&table("report", &REPORT, &report_links));
    let html = format!(
        "<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>Відкриті дані / Open data</title>\
         <style>body{{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}}</style>\
         </head><body><h1>Відкриті дані / Open data</h1>\
         <p>Опубліковані записи програми міжнародного співробітництва та промоції, без токена, за ліцензією \
         <a href=\"{lic}\">{licname}</a>. Опис усіх наборів для машин: <a href=\"{base}/datapackage.json\">datapackage.json</a>; \
         каталог DCAT-AP: <a href=\"{base}/catalog.ttl\">catalog.ttl</a>, <a href=\"{base}/catalog.jsonld\">catalog.jsonld</a>; \
         заходи та гранти за стандартом IATI: <a href=\"{base}/iati-activities.xml\">iati-activities.xml</a>.</p>\
         <p>The published records of the programme of international cooperation and promotion, with no token, under \
         <a href=\"{lic}\">{licname}</a>. Every dataset described for machines: \
         <a href=\"{base}/datapackage.json\">datapackage.json</a>; the DCAT-AP 3.0 catalog: \
         <a href=\"{base}/catalog.ttl\">catalog.ttl</a>, <a href=\"{base}/catalog.jsonld\">catalog.jsonld</a>; the activities \
         and grants in the IATI Activity Standard 2.03: <a href=\"{base}/iati-activities.xml\">iati-activities.xml</a>. JSON feeds take <code>updated_since</code>, \
         <code>limit</code> and <code>after</code>; CSV takes <code>lang=en</code>. Lists in a CSV cell are joined by \"; \".</p>\
         {sections}</body></html>",
        lic = escape(&licence.license_url),
        licname = escape(&licence.license_title),
    );
    let mut builder = HttpResponse::Ok();
    super::http::cors(&mut builder);
    Ok(builder.insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8")).body(html))
}
