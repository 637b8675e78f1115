//! Importing an earlier report in the console: upload, the proposal, applying it once; mistakes named beside
//! their fields.

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Console, Part, account, db_test};

const REFERENCE: &str = include_str!("../../fixtures/programme-report-2024.uk.txt");

/// The 2024 programme without its activities, grants and agreements.
fn structure_only() -> String {
    let mut dataset: serde_json::Value = serde_json::from_str(KHMELNYTSKYI_2024).unwrap();
    for key in ["activities", "grants", "agreements"] {
        dataset[key] = serde_json::json!([]);
    }
    dataset.to_string()
}

db_test! {
    async fn a_report_is_uploaded_read_and_applied_once(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        account(&app.db, "olena", "editor", Some("управління економіки")).await;
        let console = Console::signed_in(&app, "olena").await;
        let form = console.get("/console/imports").await.expect(200);
        let csrf = form.csrf();

        let without_year = [Part::value("csrf", &csrf), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        let page = console.post_multipart("/console/imports", &without_year).await.expect(422);
        assert_eq!(page.field_error("year").as_deref(), Some("Це поле обов'язкове."));
        let not_a_report = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "notes.txt", b"nothing of a report")];
        let page = console.post_multipart("/console/imports", &not_a_report).await.expect(422);
        assert!(page.field_error("file").is_some(), "{}", page.body);
        let forged = [Part::value("csrf", "forged"), Part::value("year", "2024"), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        console.post_multipart("/console/imports", &forged).await.expect(403);
        assert_eq!(app.count_rows("report_imports").await, 0);

        let good = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        let uploaded = console.post_multipart("/console/imports", &good).await.expect(303);
        let path = uploaded.location.clone().unwrap();
        let proposal = console.get(&path).await.expect(200);
        assert!(proposal.body.contains("Нових заходів: "), "{}", proposal.body);
        assert!(proposal.body.contains("нова чернетка"));
        let version = proposal.input("version").unwrap();
        let applied = console.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await.expect(303);
        assert!(applied.location.as_deref().unwrap().ends_with("?done=applied"));
        let drafts = app.count_rows("activities").await;
        assert!(drafts >= 60, "the report's activities are drafts now: {drafts}");
        let again = console.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await;
        assert!(again.status == 409 || again.status == 412, "a second apply is refused: {}", again.status);
        assert_eq!(app.count_rows("activities").await, drafts, "nothing twice");
        let list = console.get("/console/imports").await.expect(200);
        assert!(list.body.contains("report.txt") && list.body.contains("застосовано"));
    }
}
