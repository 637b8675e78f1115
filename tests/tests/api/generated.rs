//! `intercoop gen`'s synthetic data, and the number of SQL statements a list request costs.

use intercoop_persistence::generate::{self, Counts, Generated};
use intercoop_persistence::seed::SeedError;
use intercoop_tests::{Role, TestApp, db_test};

const SMALL: Counts = Counts { activities: 240, partners: 40, seed: 7, year: None };

async fn fill(app: &TestApp, counts: Counts) -> Generated {
    generate::fill(&app.db, counts).await.expect("generating records")
}

db_test! {
    async fn gen_fills_an_empty_database_with_published_linked_records(app) {
        let made = fill(&app, SMALL).await;
        assert_eq!(made, Generated { partners: 40, activities: 240, grants: 12, agreements: 8 });
        let activities = app.count_rows("activities").await;
        assert!(activities >= 240, "{activities} activities");
        assert_eq!(app.get("/api/v1/activities?limit=1").await.expect(200)["total"], activities);
        assert_eq!(app.get("/api/v1/partners?limit=1").await.expect(200)["total"], app.count_rows("partners").await);
        assert_eq!(app.get("/api/v1/grants?limit=1").await.expect(200)["total"], app.count_rows("grants").await);
        let agreements = app.get("/api/v1/agreements?limit=1").await.expect(200);
        assert_eq!(agreements["total"], app.count_rows("agreements").await);
        for (table, kind) in [("activities", "activity"), ("partners", "partner"), ("grants", "grant"), ("agreements", "agreement")] {
            let rows = app.count_rows(table).await;
            let trail = app.count_rows(&format!("audit_entries WHERE record_type = '{kind}' AND action = 'create'")).await;
            let feed = app.count_rows(&format!("changes WHERE record_type = '{kind}'")).await;
            assert_eq!((trail, feed), (rows, rows), "{table}: each record has its create in the trail and the feed");
        }
        let page = app.get("/api/v1/activities?year=2023&limit=200").await.expect(200);
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty());
        for activity in items {
            assert!(!activity["partners"].as_array().unwrap().is_empty(), "{activity}");
            assert!(!activity["measures"].as_array().unwrap().is_empty(), "{activity}");
            assert!(!activity["title"]["uk"].as_str().unwrap().is_empty(), "{activity}");
            assert!(!activity["title"]["en"].as_str().unwrap().is_empty(), "{activity}");
        }
        let report = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        app.get(&format!("/api/v1/programmes/{report}/reports/2023")).await.expect(200);
    }
}

db_test! {
    async fn gen_refuses_a_database_with_data_and_changes_nothing(app) {
        fill(&app, SMALL).await;
        let before = app.count_rows("activities").await;
        let again = generate::fill(&app.db, SMALL).await;
        assert!(matches!(again, Err(SeedError::NotEmpty)), "{again:?}");
        assert_eq!(app.count_rows("activities").await, before);
    }
}

db_test! {
    async fn gen_with_the_same_seed_makes_the_same_records(app) {
        fill(&app, SMALL).await;
        let first = app.get("/api/v1/activities?sort=title&limit=20").await.expect(200);
        let other = TestApp::spawn(app.backend()).await;
        fill(&other, SMALL).await;
        let second = other.get("/api/v1/activities?sort=title&limit=20").await.expect(200);
        let ids = |page: &serde_json::Value| {
            page["items"].as_array().unwrap().iter().map(|a| (a["id"].clone(), a["title"].clone())).collect::<Vec<_>>()
        };
        assert_eq!(ids(&first), ids(&second));
    }
}

db_test! {
    async fn a_feed_batch_of_hundreds_names_the_same_measures_and_partners_as_the_pages(app) {
        // Pages of up to 200 join the link tables to what they name; the feed's one batch of them all reads them apart.
        fill(&app, SMALL).await;
        let mut paged = std::collections::HashMap::new();
        for offset in [0, 200] {
            let page = app.get(&format!("/api/v1/activities?sort=title&limit=200&offset={offset}")).await.expect(200);
            for a in page["items"].as_array().unwrap() {
                let codes: Vec<_> = a["measures"].as_array().unwrap().iter().map(|m| m["code"].clone()).collect();
                let details = a["partner_details"].as_array().unwrap();
                let ids: Vec<_> = details.iter().map(|p| p["id"].clone()).collect();
                let names: Vec<_> = details.iter().map(|p| p["name"]["uk"].clone()).collect();
                let linked: Vec<_> = a["partners"].as_array().unwrap().iter().map(|p| p["partner_id"].clone()).collect();
                assert_eq!(ids, linked, "{a}");
                paged.insert(a["id"].as_str().unwrap().to_owned(), (codes, ids, names));
            }
        }
        let (status, _, body) = app.client_get_bytes("/open-data/v1/activities.json").await;
        assert_eq!(status, 200);
        let feed: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), paged.len());
        assert!(items.len() > 200, "{} activities: the feed's batch must be larger than a page", items.len());
        let mut linked = 0;
        for item in items {
            let names: Vec<_> = item["partner_names"].as_array().unwrap().iter().map(|n| n["uk"].clone()).collect();
            let from_feed = (item["measure_codes"].as_array().unwrap().clone(), item["partner_ids"].as_array().unwrap().clone(), names);
            assert_eq!(&from_feed, &paged[item["id"].as_str().unwrap()], "{item}");
            linked += usize::from(!from_feed.0.is_empty() && !from_feed.1.is_empty());
        }
        assert!(linked >= 200, "only {linked} activities with both measures and partners");
    }
}

/// Statements the service runs for one GET (as the viewer), the webhook worker stopped.
async fn statements(app: &TestApp, path: &str) -> u64 {
    let before = app.db.statements_run();
    app.get_as(path, Role::Viewer).await.expect(200);
    app.db.statements_run() - before
}

db_test! {
    async fn list_endpoints_issue_no_more_statements_for_a_page_of_fifty_than_for_a_page_of_one(app) {
        let mut app = app;
        fill(&app, Counts { activities: 400, partners: 120, seed: 3, year: None }).await;
        app.stop_worker().await;
        for list in [
            "/api/v1/activities?year=2024",
            "/api/v1/activities?q=a",
            "/api/v1/partners",
            "/api/v1/partners?q=a",
            "/api/v1/grants",
            "/api/v1/agreements",
            "/api/v1/measures",
            "/api/v1/changes",
        ] {
            let (one, fifty) = (format!("{list}{}limit=1", sep(list)), format!("{list}{}limit=50", sep(list)));
            statements(&app, &one).await;
            let page = app.get_as(&fifty, Role::Viewer).await.expect(200);
            assert!(page["items"].as_array().is_none_or(|items| items.len() > 1), "{list}: {page}");
            let (small, large) = (statements(&app, &one).await, statements(&app, &fifty).await);
            // A page that holds the rest of the list needs no count, so the page of fifty may cost one less.
            assert!(large <= small && small <= large + 1, "{list}: {small} statements for 1 item, {large} for 50");
            assert!(small <= 8, "{list}: {small} statements");
        }
    }
}

fn sep(path: &str) -> char {
    if path.contains('?') { '&' } else { '?' }
}
