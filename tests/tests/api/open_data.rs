//! The open-data feeds: only published records, stable columns that parse with a CSV reader, paging by cursor,
//! updated_since, ETag/Last-Modified with 304, open CORS.

use intercoop_tests::{Role, TestApp, db_test};
use serde_json::{Value, json};

async fn published_partner(app: &TestApp, n: usize) -> Value {
    let body = json!({
        "name": {"uk": format!("Партнер, \"{n}\""), "en": format!("Partner {n}")}, "kind": "twin_city", "country": "PL",
        "aliases": ["Alias A", "Alias B"], "coordinates": {"latitude": 51.25, "longitude": 22.57}
    });
    app.create_published("/api/v1/partners", &body).await
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let (status, content_type, body) = app.client_get_bytes(path).await;
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
    assert!(content_type.starts_with("application/"), "{path}: {content_type}");
    serde_json::from_slice(&body).unwrap()
}

db_test! {
    async fn feeds_show_published_records_only_as_json_and_csv(app) {
        let published = published_partner(&app, 1).await;
        let draft = app.create("/api/v1/partners", &json!({"name": {"uk": "Чернетка"}, "kind": "ngo"})).await;

        let feed = get_json(&app, "/open-data/v1/partners.json").await;
        assert_eq!(feed["dataset"], "partners");
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{feed}");
        assert_eq!(items[0]["id"], published["id"]);
        assert_eq!(items[0]["name"], json!({"uk": "Партнер, \"1\"", "en": "Partner 1"}));
        assert_eq!(items[0]["aliases"], json!(["Alias A", "Alias B"]));
        assert_eq!(items[0]["latitude"], 51.25);
        assert_eq!(items[0]["updated_at"], published["updated_at"]);
        assert!(!feed.to_string().contains(draft["id"].as_str().unwrap()));

        let (status, content_type, body) = app.client_get_bytes("/open-data/v1/partners.csv").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        let mut reader = csv::Reader::from_reader(body.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header[..4], ["id", "name", "aliases", "kind"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][1], "Партнер, \"1\"");
        assert_eq!(&rows[0][2], "Alias A; Alias B");
        let (_, _, english) = app.client_get_bytes("/open-data/v1/partners.csv?lang=en").await;
        let english = String::from_utf8(english).unwrap();
        assert!(english.contains(",Partner 1,"), "{english}");

        for path in ["/open-data/v1/measures.json", "/open-data/v1/activities.csv", "/open-data/v1/grants.json", "/open-data/v1/agreements.csv"] {
            let (status, _, _) = app.client_get_bytes(path).await;
            assert_eq!(status, 200, "{path}");
        }
        app.get("/open-data/v1/users.json").await.expect_problem(404, "not_found");
        app.get("/open-data/v1/partners.json?lang=en").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/partners.csv?lang=de").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/partners.json?limit=0").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/partners.json?after=x").await.expect_problem(400, "invalid_query");
    }
}

db_test! {
    async fn json_feeds_page_by_cursor_and_give_what_changed_since(app) {
        let mut ids = Vec::new();
        for n in 0..5 {
            ids.push(published_partner(&app, n).await["id"].clone());
        }
        let mut seen = Vec::new();
        let mut path = "/open-data/v1/partners.json?limit=2".to_owned();
        loop {
            let page = get_json(&app, &path).await;
            seen.extend(page["items"].as_array().unwrap().iter().map(|p| p["id"].clone()));
            match page["next"].as_str() {
                Some(next) => path = format!("/open-data/v1/partners.json?limit=2&after={next}"),
                None => break,
            }
            assert!(seen.len() <= 10, "the pages do not end");
        }
        assert_eq!(seen, ids, "pages in order of last change, each record once");

        let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true).replace('+', "%2B");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let path = format!("/api/v1/partners/{}", ids[1].as_str().unwrap());
        app.patch(&path, Role::Publisher, &json!({"website": "https://example.org"})).await.expect(200);
        let changed = get_json(&app, &format!("/open-data/v1/partners.json?updated_since={since}")).await;
        let changed: Vec<&Value> = changed["items"].as_array().unwrap().iter().map(|p| &p["id"]).collect();
        assert_eq!(changed, [&ids[1]]);
    }
}

db_test! {
    async fn feeds_answer_304_to_a_current_copy_and_allow_any_origin(app) {
        published_partner(&app, 1).await;
        let first = app.get("/open-data/v1/partners.csv").await;
        let etag = first.header("etag").unwrap().to_owned();
        let last_modified = first.header("last-modified").unwrap().to_owned();
        assert_eq!(first.header("access-control-allow-origin"), Some("*"));
        assert!(first.header("cache-control").unwrap().contains("max-age"));

        let again = app.call_with_headers(reqwest::Method::GET, "/open-data/v1/partners.csv", &[("If-None-Match", &etag)], None).await;
        assert_eq!(again.status.as_u16(), 304);
        assert_eq!(again.text, "");
        let again = app
            .call_with_headers(reqwest::Method::GET, "/open-data/v1/partners.csv", &[("If-Modified-Since", &last_modified)], None)
            .await;
        assert_eq!(again.status.as_u16(), 304);
        // Another format of the same data has another ETag.
        let json = app.get("/open-data/v1/partners.json").await;
        assert_ne!(json.header("etag").unwrap(), etag);

        published_partner(&app, 2).await;
        let changed = app.call_with_headers(reqwest::Method::GET, "/open-data/v1/partners.csv", &[("If-None-Match", &etag)], None).await;
        assert_eq!(changed.status.as_u16(), 200);
        assert_ne!(changed.header("etag").unwrap(), etag);

        let preflight = app
            .call_with_headers(reqwest::Method::OPTIONS, "/open-data/v1/partners.csv", &[("Origin", "https://data.gov.ua"), ("Access-Control-Request-Method", "GET")], None)
            .await;
        assert_eq!(preflight.status.as_u16(), 204);
        assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
        // The private API does not open CORS.
        let private = app.get_as("/api/v1/partners", Role::Viewer).await;
        assert_eq!(private.header("access-control-allow-origin"), None);
    }
}

db_test! {
    async fn partners_grants_and_activities_in_the_standards_other_tools_read(app) {
        let f = app.programme_fixture().await;
        let lublin = published_partner(&app, 1).await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        let grant = json!({
            "donor_id": undp, "project_title": {"uk": "Бізнес-хол", "en": "Business hall"}, "amount": "654800",
            "currency": "EUR", "status": "completed", "awarded_on": "2024-03-01", "start_date": "2024-03-01",
            "end_date": "2025-02-28", "measure_ids": [f.measure("1.3")]
        });
        let grant = app.create_published("/api/v1/grants", &grant).await;
        let activity = json!({
            "title": {"uk": "Візит до Любліна", "en": "Visit to Lublin"}, "kind": "visit_abroad", "start_date": "2024-05-02",
            "end_date": "2024-05-04", "format": "hybrid", "place": {"city": {"uk": "Люблін", "en": "Lublin"}, "country": "PL"},
            "measure_ids": [f.measure("1.2")], "partners": [{"partner_id": lublin["id"], "role": "host"}],
            "participants": "Іван Петренко, секретар міської ради"
        });
        let activity = app.create_published("/api/v1/activities", &activity).await;
        app.create("/api/v1/activities", &json!({"title": {"uk": "Чернетка"}, "kind": "meeting", "start_date": "2024-06-01", "measure_ids": [f.measure("1.1")]})).await;

        let geo = get_json(&app, "/open-data/v1/partners.geojson").await;
        assert_eq!(geo["type"], "FeatureCollection");
        let features = geo["features"].as_array().unwrap();
        assert_eq!(features.len(), 1, "the partner without coordinates is left out: {geo}");
        assert_eq!(features[0]["geometry"], json!({"type": "Point", "coordinates": [22.57, 51.25]}));
        assert_eq!(features[0]["id"], lublin["id"]);
        assert_eq!(features[0]["properties"]["kind"], "twin_city");

        let giving = get_json(&app, "/open-data/v1/grants.360giving.json").await;
        let g = &giving["grants"][0];
        assert_eq!(g["id"], format!("360G-intercoop-{}", grant["id"].as_str().unwrap()));
        assert_eq!(g["title"], "Бізнес-хол");
        assert_eq!(g["currency"], "EUR");
        assert_eq!(g["amountAwarded"], 654800.0);
        assert_eq!(g["awardDate"], "2024-03-01");
        assert_eq!(g["fundingOrganization"][0]["name"], "Програма розвитку ООН");
        assert!(g["recipientOrganization"][0]["id"].as_str().unwrap().starts_with("UA-EDR-"));
        assert_eq!(g["dateModified"], grant["updated_at"]);
        assert_eq!(g["plannedDates"], json!([{"startDate": "2024-03-01", "endDate": "2025-02-28"}]));

        let events = get_json(&app, "/open-data/v1/activities.jsonld").await;
        assert_eq!(events["@context"]["@vocab"], "https://schema.org/");
        let graph = events["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 1, "drafts stay out: {events}");
        let e = &graph[0];
        assert_eq!(e["@type"], "Event");
        assert!(e["@id"].as_str().unwrap().ends_with(&format!("/api/v1/activities/{}", activity["id"].as_str().unwrap())));
        assert_eq!(e["name"], json!([{"@value": "Візит до Любліна", "@language": "uk"}, {"@value": "Visit to Lublin", "@language": "en"}]));
        assert_eq!(e["startDate"], "2024-05-02");
        assert_eq!(e["endDate"], "2024-05-04");
        assert_eq!(e["eventAttendanceMode"]["@id"], "https://schema.org/MixedEventAttendanceMode");
        assert_eq!(e["location"][0]["address"]["addressCountry"], "PL", "hybrid: the place, then online");
        assert_eq!(e["location"][1]["@type"], "VirtualLocation");

        // No personal data: the participants' names are not in any feed.
        for path in ["/open-data/v1/activities.json", "/open-data/v1/activities.csv", "/open-data/v1/activities.jsonld"] {
            let (_, _, body) = app.client_get_bytes(path).await;
            assert!(!String::from_utf8(body).unwrap().contains("Петренко"), "{path} shows a participant");
        }
    }
}

db_test! {
    async fn the_report_table_the_data_package_and_the_page_describe_the_feeds(app) {
        let f = app.programme_fixture().await;
        let activity = json!({"title": {"uk": "Зустріч"}, "kind": "meeting", "start_date": "2024-01-26", "measure_ids": [f.measure("1.1")]});
        let published = app.create_published("/api/v1/activities", &activity).await;
        app.create("/api/v1/activities", &json!({"title": {"uk": "Чернетка"}, "kind": "meeting", "start_date": "2024-02-01", "measure_ids": [f.measure("1.1")]})).await;

        let report = get_json(&app, "/open-data/v1/report-2024.json").await;
        assert_eq!(report["dataset"], "report-2024");
        let rows = report["items"].as_array().unwrap();
        let with_activity: Vec<&Value> = rows.iter().filter(|r| !r["activity_id"].is_null()).collect();
        assert_eq!(with_activity.len(), 1, "drafts stay out of the report table: {report}");
        assert_eq!(with_activity[0]["activity_id"], published["id"]);
        assert_eq!(with_activity[0]["date_phrase"], "26 січня 2024 року");
        let (status, _, csv_body) = app.client_get_bytes("/open-data/v1/report-2024.csv?lang=en").await;
        assert_eq!(status, 200);
        let mut reader = csv::Reader::from_reader(csv_body.as_slice());
        assert_eq!(reader.headers().unwrap().len(), 14, "the report's columns, additional_dates last");
        assert_eq!(reader.records().count(), rows.len());
        app.get("/open-data/v1/report-2031.json").await.expect_problem(404, "not_found");
        app.get("/open-data/v1/report-2024.json?limit=5").await.expect_problem(400, "invalid_query");

        let package = get_json(&app, "/open-data/v1/datapackage.json").await;
        assert_eq!(package["profile"], "tabular-data-package");
        assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
        let names: Vec<&str> = package["resources"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names[..5], ["measures", "activities", "partners", "grants", "agreements"]);
        assert!(names.contains(&"report-2024") && names.contains(&"report-2021"), "{names:?}");
        // Each table schema names the CSV's columns, in order, with both languages.
        for resource in package["resources"].as_array().unwrap() {
            let path = resource["path"].as_str().unwrap();
            let path = &path[path.find("/open-data/").unwrap()..];
            let (status, _, body) = app.client_get_bytes(path).await;
            assert_eq!(status, 200, "{path}");
            let header: Vec<String> = csv::Reader::from_reader(body.as_slice()).headers().unwrap().iter().map(str::to_owned).collect();
            let fields: Vec<&str> = resource["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(header, fields, "{path}");
            for field in resource["schema"]["fields"].as_array().unwrap() {
                assert!(field["description"].as_str().unwrap().contains(" | "), "{field}");
            }
        }

        let (status, content_type, page) = app.client_get_bytes("/open-data/v1/").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/html"));
        let page = String::from_utf8(page).unwrap();
        for needle in ["datapackage.json", "partners.geojson", "grants.360giving.json", "activities.jsonld", "report-2024.csv", "<code>partner_names</code>"] {
            assert!(page.contains(needle), "the page does not mention {needle}");
        }
    }
}

db_test! {
    async fn the_dcat_catalog_names_every_dataset_and_distribution(app) {
        app.programme_fixture().await;
        published_partner(&app, 1).await;
        let (status, content_type, body) = app.client_get_bytes("/open-data/v1/catalog.jsonld").await;
        assert_eq!(status, 200);
        assert_eq!(content_type, "application/ld+json");
        let catalog: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(catalog["@context"]["dcat"], "http://www.w3.org/ns/dcat#", "the context is inline");
        let graph = catalog["@graph"].as_array().unwrap();
        let of_type = |t: &str| -> Vec<&Value> {
            graph.iter().filter(|n| n["@type"].as_array().unwrap().iter().any(|x| x == t)).collect()
        };
        let datasets = of_type("http://www.w3.org/ns/dcat#Dataset");
        let ids: Vec<&str> = datasets.iter().map(|d| d["http://purl.org/dc/terms/identifier"][0].as_str().unwrap()).collect();
        assert_eq!(ids[..5], ["measures", "activities", "partners", "grants", "agreements"]);
        assert_eq!(ids.len(), 10, "five record datasets and the report of each of the five years: {ids:?}");
        let distributions = of_type("http://www.w3.org/ns/dcat#Distribution");
        for d in &datasets {
            for link in d["http://www.w3.org/ns/dcat#distribution"].as_array().unwrap() {
                let described = distributions.iter().find(|x| x["@id"] == link["@id"]);
                let described = described.unwrap_or_else(|| panic!("{link} is not described"));
                assert_eq!(described["http://purl.org/dc/terms/license"][0]["@id"], "https://creativecommons.org/licenses/by/4.0/");
            }
            assert!(d["http://purl.org/dc/terms/modified"][0]["@value"].is_string());
        }
        let paging = of_type("http://www.w3.org/ns/hydra/core#PagedCollection");
        assert_eq!(paging[0]["http://www.w3.org/ns/hydra/core#totalItems"][0]["@value"], "10");
        assert!(paging[0].get("http://www.w3.org/ns/hydra/core#nextPage").is_none());

        let (status, content_type, turtle) = app.client_get_bytes("/open-data/v1/catalog.ttl").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/turtle"));
        let turtle = String::from_utf8(turtle).unwrap();
        assert_eq!(turtle.matches("a dcat:Dataset").count(), 10);

        let future = app.get("/open-data/v1/catalog.jsonld?modified_since=2999-01-01T00:00:00Z").await;
        assert_eq!(future.status.as_u16(), 200);
        assert!(!future.text.contains("dcat#Dataset\""), "no dataset is modified in the future");
        app.get("/open-data/v1/catalog.jsonld?page=2").await.expect_problem(404, "not_found");
        app.get("/open-data/v1/catalog.jsonld?page=0").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/catalog.jsonld?page=1000001").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/catalog.ttl?page=6293870684271170027520").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/catalog.ttl?since=yesterday").await.expect_problem(400, "invalid_query");
    }
}

db_test! {
    async fn no_draft_or_withdrawn_record_appears_in_any_feed(app) {
        let f = app.programme_fixture().await;
        let donor = app.partner("Донор", "Donor", "donor", "DE").await;
        let mut hidden = Vec::new();
        let drafts = [
            ("/api/v1/partners", json!({"name": {"uk": "Чернетка-партнер"}, "kind": "ngo", "coordinates": {"latitude": 1.0, "longitude": 2.0}})),
            ("/api/v1/activities", json!({"title": {"uk": "Чернетка-захід"}, "kind": "meeting", "start_date": "2024-03-01", "measure_ids": [f.measure("1.1")]})),
            ("/api/v1/grants", json!({"donor_id": donor, "project_title": {"uk": "Чернетка-грант"}, "amount": "10", "currency": "EUR", "status": "applied", "measure_ids": [f.measure("1.3")]})),
            ("/api/v1/agreements", json!({"kind": "memorandum", "title": {"uk": "Чернетка-угода"}, "parties": [{"partner_id": donor}, {"name": {"uk": "Виконком"}}], "status": "in_preparation"})),
        ];
        for (collection, body) in &drafts {
            hidden.push(app.create(collection, body).await["id"].as_str().unwrap().to_owned());
            // and one published, then withdrawn
            let other: Value = serde_json::from_str(&body.to_string().replace("Чернетка", "Чернетка 2")).unwrap();
            let published = app.create_published(collection, &other).await;
            let path = format!("{collection}/{}", published["id"].as_str().unwrap());
            app.call(reqwest::Method::POST, &format!("{path}/withdraw"), Some(Role::Publisher), None).await.expect(200);
            hidden.push(published["id"].as_str().unwrap().to_owned());
        }
        let feeds = [
            "measures.json", "measures.csv", "activities.json", "activities.csv", "activities.jsonld", "partners.json",
            "partners.csv", "partners.geojson", "grants.json", "grants.csv", "grants.360giving.json", "agreements.json",
            "agreements.csv", "report-2024.json", "report-2024.csv", "catalog.jsonld", "catalog.ttl", "datapackage.json",
        ];
        for feed in feeds {
            let (status, _, body) = app.client_get_bytes(&format!("/open-data/v1/{feed}")).await;
            assert_eq!(status, 200, "{feed}");
            let body = String::from_utf8(body).unwrap();
            for id in &hidden {
                assert!(!body.contains(id.as_str()) && !body.contains(&id.replace('-', "")), "{feed} shows the hidden record {id}");
            }
            assert!(!body.contains("Чернетка"), "{feed} shows a draft's text");
        }
    }
}

db_test! {
    async fn a_year_that_two_programmes_cover_has_no_single_report_table(app) {
        app.programme_fixture().await;
        let mut other = intercoop_tests::programme_body();
        other["title"] = json!({"uk": "Програма співпраці на 2024-2027 роки"});
        other["first_year"] = json!(2024);
        other["last_year"] = json!(2027);
        app.post("/api/v1/programmes", Role::Admin, &other).await.expect(201);
        for path in ["/open-data/v1/report-2024.json", "/open-data/v1/report-2024.csv"] {
            let refused = app.get(path).await.expect_problem(409, "conflict");
            assert!(refused["detail"].as_str().unwrap().contains("several programmes run in 2024"), "{path}: {refused}");
        }
        app.get("/open-data/v1/report-2021.json").await.expect(200);
    }
}
