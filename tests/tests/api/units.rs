//! Owner units: an editor changes only the records of the unit its token names.

use intercoop_tests::{Role, TestApp, db_test};
use reqwest::Method;
use serde_json::{Value, json};

const CULTURE: &str = "управління культури і туризму";
const ECONOMY: &str = "управління економіки";

async fn as_unit(
    app: &TestApp,
    method: Method,
    path: &str,
    role: Role,
    unit: &str,
    body: &Value,
) -> intercoop_tests::TestResponse {
    let token = format!("Bearer {}", app.unit_token(role, unit));
    let mut headers = vec![("authorization", token.as_str())];
    if method == Method::PATCH {
        headers.push(("content-type", "application/merge-patch+json"));
    }
    app.call_with_headers(method, path, &headers, Some(body)).await
}

db_test! {
    async fn editors_change_their_own_units_records_only(app) {
        let f = app.programme_fixture().await;
        let body = json!({"title": {"uk": "Фестиваль у Сілістрі"}, "kind": "cultural_event", "start_date": "2024-06-29", "measure_ids": [f.measure("1.1")]});
        let created = as_unit(&app, Method::POST, "/api/v1/activities", Role::Editor, CULTURE, &body).await.expect(201);
        assert_eq!(created["owner_unit"], CULTURE, "a new record is the editor's unit's");
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());

        let change = json!({"title": {"uk": "Фестиваль «Завтрашній мир»"}});
        as_unit(&app, Method::PATCH, &path, Role::Editor, ECONOMY, &change).await.expect_problem(403, "forbidden");
        as_unit(&app, Method::PATCH, &path, Role::Editor, CULTURE, &change).await.expect(200);
        let handover = json!({"owner_unit": ECONOMY});
        as_unit(&app, Method::PATCH, &path, Role::Editor, CULTURE, &handover).await.expect_problem(403, "forbidden");
        as_unit(&app, Method::PATCH, &path, Role::Publisher, ECONOMY, &handover).await.expect(200);
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200)["owner_unit"], ECONOMY);

        let mut foreign = body.clone();
        foreign["owner_unit"] = json!(ECONOMY);
        as_unit(&app, Method::POST, "/api/v1/activities", Role::Editor, CULTURE, &foreign).await.expect_problem(403, "forbidden");
        assert_eq!(app.count_rows("activities").await, 1);

        let culture = app.get_as(&format!("/api/v1/activities?owner_unit={}", urlencode(ECONOMY)), Role::Viewer).await.expect(200);
        assert_eq!(culture["total"], 1);
        let none = app.get_as(&format!("/api/v1/activities?owner_unit={}", urlencode(CULTURE)), Role::Viewer).await.expect(200);
        assert_eq!(none["total"], 0);
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
