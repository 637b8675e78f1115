//! The DCAT-AP 3.0 catalog: what its shapes ask beyond DCAT (formats and media types from their vocabularies as
//! typed IRIs, the recommended properties), and each serialisation paging to itself. CI checks the whole catalog
//! with pyshacl against the official shapes (`.ci/open-data`).

use intercoop_tests::db_test;
use serde_json::Value;

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";

db_test! {
    async fn the_catalog_names_its_formats_themes_and_coverage_from_the_eu_vocabularies(app) {
        app.programme_fixture().await;
        let catalog: Value = app.get("/open-data/v1/catalog.jsonld").await.json();
        let graph = catalog["@graph"].as_array().unwrap();
        let node = |id: &str| graph.iter().find(|n| n["@id"] == id).unwrap_or_else(|| panic!("{id} is not described"));
        let iris = |n: &Value, p: &str| -> Vec<String> {
            n[p].as_array().map(|v| v.iter().filter_map(|o| o["@id"].as_str().map(str::to_owned)).collect()).unwrap_or_default()
        };
        let types = |id: &str| -> Vec<String> {
            node(id)["@type"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
        };
        let activities = graph.iter().find(|n| n[format!("{DCT}identifier")][0] == "activities").unwrap();
        assert!(iris(activities, &format!("{DCAT}theme")).contains(&"http://publications.europa.eu/resource/authority/data-theme/INTR".to_owned()));
        let contact = &iris(activities, &format!("{DCAT}contactPoint"))[0];
        assert!(types(contact).contains(&"http://www.w3.org/2006/vcard/ns#Kind".to_owned()));
        assert!(activities[format!("{DCAT}keyword")].as_array().unwrap().len() >= 4);
        let spatial = &iris(activities, &format!("{DCT}spatial"))[0];
        assert_eq!(spatial, "http://publications.europa.eu/resource/authority/country/UKR");
        let period = node(&iris(activities, &format!("{DCT}temporal"))[0]);
        assert_eq!(period[format!("{DCAT}startDate")][0]["@value"], "2021", "the programme's years, no more: {period}");
        assert_eq!(period[format!("{DCAT}endDate")][0]["@value"], "2025");

        let distributions = iris(activities, &format!("{DCAT}distribution"));
        let slugs: Vec<&str> = distributions.iter().map(|d| d.rsplit('/').next().unwrap()).collect();
        assert_eq!(slugs, ["csv-uk", "csv-en", "json", "events", "iati"]);
        let csv = node(&distributions[0]);
        let format = &iris(csv, &format!("{DCT}format"))[0];
        assert_eq!(format, "http://publications.europa.eu/resource/authority/file-type/CSV");
        assert!(types(format).contains(&format!("{DCT}MediaTypeOrExtent")));
        assert_eq!(iris(csv, &format!("{DCAT}mediaType")), ["http://www.iana.org/assignments/media-types/text/csv"]);
        assert_eq!(iris(csv, "http://data.europa.eu/r5r/availability"), ["http://publications.europa.eu/resource/authority/planned-availability/STABLE"]);
        assert!(csv[format!("{DCT}description")].as_array().unwrap().len() == 2, "in Ukrainian and English");
        let download = &iris(csv, &format!("{DCAT}downloadURL"))[0];
        assert!(download.ends_with("/open-data/v1/activities.csv"), "{download}");
        let iati = node(&distributions[4]);
        assert!(iris(iati, &format!("{DCAT}downloadURL"))[0].ends_with("/open-data/v1/iati-activities.xml"));

        for (file, other) in [("catalog.ttl", "catalog.jsonld"), ("catalog.jsonld", "catalog.ttl")] {
            let text = app.get(&format!("/open-data/v1/{file}")).await.text;
            assert!(text.contains(&format!("/open-data/v1/{file}?page=1")), "{file} pages to itself");
            assert!(!text.contains(&format!("/open-data/v1/{other}?page=")), "{file} pages to {other}");
        }
    }
}
