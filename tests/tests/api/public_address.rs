//! Absolute URLs in the open data come from the configured public base URL: a request's `Host` and forwarding
//! headers cannot put another host into what a shared cache keeps, nor markup into the page.

use intercoop_api::http::proxies::PublicAddress;
use intercoop_tests::{Options, db_test};
use reqwest::Method;

fn published_at_the_portal() -> Options {
    let public = PublicAddress { base_url: Some("https://opendata.khm.gov.ua".into()), trusted_proxies: Vec::new() };
    Options { public, ..Options::default() }
}

db_test! {
    async fn hosts_named_by_the_request_never_reach_the_open_data(app: published_at_the_portal()) {
        let spoofed = [
            ("host", "evil.example\"><script>alert(1)</script>"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "javascript"),
            ("forwarded", "host=evil.example;proto=http"),
        ];
        for path in ["/open-data/v1/", "/open-data/v1/catalog.jsonld", "/open-data/v1/catalog.ttl", "/open-data/v1/datapackage.json", "/open-data/v1/activities.jsonld"] {
            let plain = app.call(Method::GET, path, None, None).await;
            assert_eq!(plain.status.as_u16(), 200, "{path}");
            let response = app.call_with_headers(Method::GET, path, &spoofed, None).await;
            assert_eq!(response.status.as_u16(), 200, "{path}");
            assert!(!response.text.contains("evil.example") && !response.text.contains("<script>"), "{path}: {}", response.text);
            assert_eq!(response.text, plain.text, "{path} is the same whatever the request says its host is");
        }
        let page = app.call(Method::GET, "/open-data/v1/", None, None).await;
        assert!(page.text.contains("https://opendata.khm.gov.ua/open-data/v1/"), "{}", page.text);
    }
}
