//! Correcting an uploaded report's proposal as it is applied: an event left out, another put under the right
//! measure with its title; a correction that names no event, or leaves its event unable to become a draft, is
//! refused and nothing is created.

use intercoop_tests::{Part, Role, db_test};
use reqwest::Method;
use serde_json::{Value, json};

const REPORT: &str = "№\tЗміст заходу\tВиконання заходів\n\
    1.1\tЗахід один\t<p>05 березня 2024 року відбулася зустріч з делегацією міста Жешув.</p>\n\
    1.3\tЗахід три\t<p>16 квітня 2024 року проведено форум.</p>\n\
    9.9\tНевідомий\t<p>20 травня 2024 року відбулася конференція.</p>\n";

async fn upload(app: &intercoop_tests::TestApp) -> (String, Value) {
    let token = app.token(Role::Editor);
    let parts = [Part::file("file", "report-2024.txt", REPORT.as_bytes()), Part::value("year", "2024")];
    let created = app.upload("/api/v1/imports", &token, &parts).await.expect(201);
    (created["id"].as_str().unwrap().to_owned(), created)
}

async fn apply(app: &intercoop_tests::TestApp, id: &str, body: Option<&Value>) -> intercoop_tests::TestResponse {
    let token = format!("Bearer {}", app.token(Role::Editor));
    app.call_with_headers(
        Method::POST,
        &format!("/api/v1/imports/{id}/apply"),
        &[("authorization", &token), ("if-match", "\"1\"")],
        body,
    )
    .await
}

db_test! {
    async fn an_upload_is_applied_with_its_corrections(app) {
        app.programme_fixture().await;
        let (id, created) = upload(&app).await;
        let fates: Vec<&str> = created["activities"].as_array().unwrap().iter().map(|a| a["fate"].as_str().unwrap()).collect();
        assert_eq!(fates, ["new", "new", "no_measure"], "{created}");

        let nowhere = json!({"corrections": [{"index": 7, "skip": true}]});
        let refused = apply(&app, &id, Some(&nowhere)).await;
        refused.expect_problem(422, "validation_failed");
        assert_eq!(refused.error_fields(), ["corrections[0].index"]);
        let still_missing = json!({"corrections": [{"index": 2, "title": "Конференція"}]});
        let refused = apply(&app, &id, Some(&still_missing)).await;
        refused.expect_problem(422, "validation_failed");
        assert_eq!(refused.error_fields(), ["corrections[0]"]);
        let unknown = json!({"corrections": [{"index": 0, "colour": "red"}]});
        apply(&app, &id, Some(&unknown)).await.expect_problem(422, "validation_failed");
        assert_eq!(app.count_rows("activities").await, 0, "a refused apply creates nothing");

        let fixes = json!({"corrections": [
            {"index": 0, "skip": true},
            {"index": 2, "measure_code": "1.3", "title": "Міжнародна конференція", "kind": "conference"},
        ]});
        let applied = apply(&app, &id, Some(&fixes)).await.expect(200);
        assert_eq!(applied["state"], "applied");
        let drafts = app.get_as("/api/v1/activities?publication=draft&sort=start_date", Role::Viewer).await.expect(200);
        let titles: Vec<&str> = drafts["items"].as_array().unwrap().iter().map(|a| a["title"]["uk"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 2, "{drafts}");
        assert!(!titles.iter().any(|t| t.contains("Жешув")), "the event left out is not created");
        let conference = drafts["items"].as_array().unwrap().iter().find(|a| a["title"]["uk"] == "Міжнародна конференція").unwrap();
        assert_eq!(conference["start_date"], "2024-05-20", "the date as read");
        let dates = json!({"corrections": [{"index": 1, "start_date": "2024-04-17"}]});
        let (again, _) = upload(&app).await;
        apply(&app, &again, Some(&dates)).await.expect_problem(422, "validation_failed");
        assert_eq!(conference["kind"], "conference");
        assert_eq!(conference["measures"][0]["code"], "1.3");
    }
}

db_test! {
    async fn an_upload_applies_without_a_body_as_proposed(app) {
        app.programme_fixture().await;
        let (id, _) = upload(&app).await;
        apply(&app, &id, None).await.expect(200);
        assert_eq!(app.count_rows("activities").await, 2);
    }
}
