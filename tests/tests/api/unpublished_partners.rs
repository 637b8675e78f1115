//! A published record may name a partner that is not published (a draft, or withdrawn): anonymous callers see
//! nothing of that partner anywhere (neither its details nor the link), and staff find the record in the
//! report's checks.

use intercoop_tests::{Role, TestApp, db_test};
use serde_json::{Value, json};

const SECRET_NAME: &str = "Таємний фонд";

struct Scene {
    programme: String,
    hidden: String,
    activity: String,
}

async fn scene(app: &TestApp) -> Scene {
    let f = app.programme_fixture().await;
    let hidden = app
        .create(
            "/api/v1/partners",
            &json!({"name": {"uk": SECRET_NAME, "en": "Secret fund"}, "kind": "donor", "country": "CH"}),
        )
        .await;
    let hidden = hidden["id"].as_str().unwrap().to_owned();
    let open = app.partner("Люблін", "Lublin", "twin_city", "PL").await;
    let activity = json!({
        "title": {"uk": "Зустріч з донорами"}, "kind": "meeting", "start_date": "2024-03-05",
        "measure_ids": [f.measure("1.1")],
        "partners": [{"partner_id": hidden, "role": "participant"}, {"partner_id": open, "role": "participant"}],
    });
    let activity = app.create_published("/api/v1/activities", &activity).await["id"].as_str().unwrap().to_owned();
    let grant = json!({"donor_id": hidden, "project_title": {"uk": "Проєкт фонду"}, "amount": "1000.00", "currency": "EUR",
        "status": "awarded", "awarded_on": "2024-04-01", "measure_ids": [f.measure("1.3")]});
    app.create_published("/api/v1/grants", &grant).await;
    let agreement = json!({"kind": "memorandum", "title": {"uk": "Меморандум з фондом"}, "status": "in_force",
        "parties": [{"partner_id": hidden}, {"partner_id": open}, {"name": {"uk": "Виконавчий комітет"}}]});
    app.create_published("/api/v1/agreements", &agreement).await;
    Scene { programme: f.programme_id, hidden, activity }
}

fn assert_hides(text: &str, scene: &Scene, what: &str) {
    assert!(!text.contains(SECRET_NAME) && !text.contains("Secret fund"), "{what} shows the partner's name: {text}");
    assert!(!text.contains(&scene.hidden), "{what} shows the partner's id");
}

db_test! {
    async fn anonymous_callers_see_nothing_of_an_unpublished_partner(app) {
        let s = scene(&app).await;
        let activity = app.get(&format!("/api/v1/activities/{}", s.activity)).await.expect(200);
        assert_eq!(activity["partner_details"].as_array().unwrap().len(), 1);
        assert_eq!(activity["partners"].as_array().unwrap().len(), 1);
        assert_hides(&activity.to_string(), &s, "an activity");
        let list = app.get("/api/v1/activities").await.expect(200);
        assert_hides(&list.to_string(), &s, "the activity list");
        for format in ["json", "html", "md", "csv"] {
            let report = app.get(&format!("/api/v1/programmes/{}/reports/2024?format={format}", s.programme)).await;
            assert_eq!(report.status.as_u16(), 200);
            assert_hides(&report.text, &s, &format!("the report as {format}"));
        }
        for feed in ["activities.json", "activities.csv", "activities.jsonld", "grants.json", "grants.csv",
            "grants.360giving.json", "agreements.json", "agreements.csv", "report-2024.json", "report-2024.csv"] {
            let (status, _, body) = app.client_get_bytes(&format!("/open-data/v1/{feed}")).await;
            assert_eq!(status, 200, "{feed}");
            assert_hides(&String::from_utf8(body).unwrap(), &s, feed);
        }
        let agreements = app.get("/open-data/v1/agreements.json").await.expect(200);
        let parties: Vec<&str> = agreements["items"][0]["parties"].as_array().unwrap().iter().map(|p| p["uk"].as_str().unwrap()).collect();
        assert_eq!(parties, ["Люблін", "Виконавчий комітет"]);
        let giving = app.get("/open-data/v1/grants.360giving.json").await.expect(200);
        assert_eq!(giving["grants"], json!([]), "a grant waits for its donor to be published");
    }
}

db_test! {
    async fn staff_see_the_partner_and_the_checks_name_the_record(app) {
        let s = scene(&app).await;
        let activity = app.get_as(&format!("/api/v1/activities/{}", s.activity), Role::Viewer).await.expect(200);
        assert_eq!(activity["partner_details"][0]["name"]["uk"], SECRET_NAME);
        let checks = app.get_as(&format!("/api/v1/programmes/{}/reports/2024/checks", s.programme), Role::Viewer).await.expect(200);
        let found: Vec<&Value> = checks["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "published_with_unpublished_partner").collect();
        assert_eq!(found.len(), 1, "{checks}");
        assert_eq!(found[0]["record_id"], s.activity.as_str());
        assert_eq!(found[0]["related_id"], s.hidden.as_str());

        app.publish(&format!("/api/v1/partners/{}", s.hidden)).await;
        let activity = app.get(&format!("/api/v1/activities/{}", s.activity)).await.expect(200);
        assert_eq!(activity["partner_details"].as_array().unwrap().len(), 2, "once published, the public sees it");
        let giving = app.get("/open-data/v1/grants.360giving.json").await.expect(200);
        assert_eq!(giving["grants"].as_array().unwrap().len(), 1);
    }
}
