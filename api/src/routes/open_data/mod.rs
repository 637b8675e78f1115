//! `/open-data/v1`: public feeds of the published records for the national open-data portal and anyone else, with
//! no token: each dataset as JSON and CSV, the annual report table per year.

use actix_web::guard;
use utoipa_actix_web::service_config::ServiceConfig;

mod catalog;
mod dcat;
mod event;
mod feeds;
mod http;
mod iati;
mod report;
mod shapes;
mod standards;
mod stream;

pub use feeds::DatasetName;
pub use http::preflight;

pub fn configure(cfg: &mut ServiceConfig) {
    // The specific names first: `{dataset}.json` would take them.
    cfg.service(catalog::open_data_page)
        .service(catalog::datapackage_json)
        .service(dcat::catalog_jsonld)
        .service(dcat::catalog_ttl)
        .service(standards::partners_geojson)
        .service(standards::grants_360giving)
        .service(standards::activities_jsonld)
        .service(iati::iati_activities)
        .service(report::report_json)
        .service(report::report_csv)
        .service(feeds::dataset_json)
        .service(feeds::dataset_csv);
}

/// The CORS preflight of every feed (undocumented: browsers send it, clients do not).
pub fn preflight_route() -> actix_web::Resource {
    actix_web::web::resource("/open-data/v1/{tail:.*}").guard(guard::Options()).to(preflight)
}
