//! The review step: an editor submits a draft, a publisher publishes it or returns it with a comment kept with
//! the record; the trail, the change feed and webhooks see the same steps.

use intercoop_tests::{Role, TestApp, db_test, partner_body};
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
    body: Option<&Value>,
) -> intercoop_tests::TestResponse {
    let token = format!("Bearer {}", app.unit_token(role, unit));
    let mut headers = vec![("authorization", token.as_str())];
    if method == Method::PATCH {
        headers.push(("content-type", "application/merge-patch+json"));
    }
    app.call_with_headers(method, path, &headers, body).await
}

db_test! {
    async fn a_draft_is_submitted_returned_with_a_comment_and_published(app) {
        let f = app.programme_fixture().await;
        let (_, start) = app.follow_changes("").await;
        let body = json!({"title": {"uk": "Фестиваль у Сілістрі"}, "kind": "cultural_event", "start_date": "2024-06-29", "measure_ids": [f.measure("1.1")]});
        let created = as_unit(&app, Method::POST, "/api/v1/activities", Role::Editor, CULTURE, Some(&body)).await.expect(201);
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());

        as_unit(&app, Method::POST, &format!("{path}/submit"), Role::Editor, ECONOMY, None).await.expect_problem(403, "forbidden");
        app.call(Method::POST, &format!("{path}/submit"), Some(Role::Viewer), None).await.expect_problem(403, "forbidden");
        let submitted = as_unit(&app, Method::POST, &format!("{path}/submit"), Role::Editor, CULTURE, None).await.expect(200);
        assert_eq!(submitted["publication"], "submitted");
        as_unit(&app, Method::POST, &format!("{path}/submit"), Role::Editor, CULTURE, None).await.expect_problem(409, "invalid_transition");
        app.get(&path).await.expect_problem(404, "not_found");
        let change = json!({"title": {"uk": "Фестиваль «Завтрашній мир»"}});
        as_unit(&app, Method::PATCH, &path, Role::Editor, CULTURE, Some(&change)).await.expect_problem(403, "forbidden");

        // A return says why: without a comment (or with a blank one) it is refused, and nothing changes.
        for empty in [json!({"comment": ""}), json!({"comment": "   "})] {
            let refused = app.post(&format!("{path}/return"), Role::Publisher, &empty).await;
            refused.expect_problem(422, "validation_failed");
            assert_eq!(refused.error_fields(), ["comment"]);
        }
        app.post(&format!("{path}/return"), Role::Publisher, &json!({})).await.expect_problem(422, "validation_failed");
        let long = json!({"comment": "я".repeat(4001)});
        app.post(&format!("{path}/return"), Role::Publisher, &long).await.expect_problem(422, "validation_failed");
        app.post(&format!("{path}/return"), Role::Editor, &json!({"comment": "Додайте партнера"})).await.expect_problem(403, "forbidden");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200)["version"], 2);
        assert_eq!(app.count_rows("record_comments").await, 0);

        let why = "Додайте назву фестивалю англійською та партнера з Сілістри.";
        let returned = app.post(&format!("{path}/return"), Role::Publisher, &json!({"comment": format!("  {why}\n")})).await.expect(200);
        assert_eq!(returned["publication"], "draft");
        assert_eq!(returned["version"], 3);
        app.post(&format!("{path}/return"), Role::Publisher, &json!({"comment": why})).await.expect_problem(409, "invalid_transition");

        // The unit reads why, answers with a note, fixes the draft and submits it again.
        let comments_path = format!("{path}/comments");
        app.call(Method::GET, &comments_path, None, None).await.expect_problem(401, "missing_token");
        let comments = app.get_as(&comments_path, Role::Viewer).await.expect(200);
        assert_eq!(comments["items"].as_array().unwrap().len(), 1, "{comments}");
        let first = &comments["items"][0];
        assert_eq!((first["comment"].as_str(), first["step"].as_str()), (Some(why), Some("return")));
        assert_eq!((first["author_role"].as_str(), first["record_version"].as_i64()), (Some("publisher"), Some(3)));
        let note = json!({"comment": "Партнера додали, англійську назву теж."});
        as_unit(&app, Method::POST, &comments_path, Role::Editor, ECONOMY, Some(&note)).await.expect_problem(403, "forbidden");
        as_unit(&app, Method::POST, &comments_path, Role::Editor, CULTURE, Some(&json!({"comment": " "}))).await.expect_problem(422, "validation_failed");
        let added = as_unit(&app, Method::POST, &comments_path, Role::Editor, CULTURE, Some(&note)).await.expect(201);
        assert_eq!((added["comment"].clone(), added["step"].clone()), (note["comment"].clone(), Value::Null));
        as_unit(&app, Method::PATCH, &path, Role::Editor, CULTURE, Some(&change)).await.expect(200);
        as_unit(&app, Method::POST, &format!("{path}/submit"), Role::Editor, CULTURE, None).await.expect(200);
        let published = app.call(Method::POST, &format!("{path}/publish"), Some(Role::Publisher), None).await.expect(200);
        assert_eq!(published["publication"], "published");
        assert_eq!(app.get(&path).await.expect(200)["title"]["uk"], "Фестиваль «Завтрашній мир»");
        let comments = app.get_as(&comments_path, Role::Viewer).await.expect(200);
        assert_eq!(comments["items"].as_array().unwrap().len(), 2);
        assert_eq!(comments["items"][1]["comment"], note["comment"]);

        // The trail keeps each step with the comment; the feed and webhooks name them.
        let history = app.get_as(&format!("{path}/history"), Role::Viewer).await.expect(200);
        let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "submit", "return", "update", "submit", "publish"]);
        assert_eq!(history[2]["changes"]["publication"], json!({"before": "submitted", "after": "draft"}));
        assert_eq!(history[2]["changes"]["comment"]["after"], why);
        let (mut items, mut cursor) = (Vec::new(), start);
        while items.len() < 6 {
            let (more, next) = app.changes_until(&cursor, 1).await;
            assert!(!more.is_empty(), "the feed stopped at {items:?}");
            items.extend(more.into_iter().filter(|c| c["id"] == created["id"]));
            cursor = next;
        }
        let actions: Vec<&str> = items.iter().map(|c| c["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "submit", "return", "update", "submit", "publish"]);
        assert_eq!(items[2]["record"]["publication"], "draft");
        let hook = json!({"url": "http://127.0.0.1:9/hook", "event_types": ["activity.submitted", "activity.returned"], "active": false});
        app.post("/api/v1/webhooks", Role::Admin, &hook).await.expect(201);

        // The comments go with the record.
        app.delete(&path, Role::Admin).await.expect(204);
        assert_eq!(app.count_rows("record_comments").await, 0);
        app.get_as(&comments_path, Role::Viewer).await.expect_problem(404, "not_found");
    }
}

db_test! {
    async fn partners_grants_and_agreements_go_through_review_too(app) {
        let f = app.programme_fixture().await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        let grant = json!({"donor_id": undp, "project_title": {"uk": "Проскурів бізнес-хол"}, "amount": "654800", "currency": "EUR", "status": "completed"});
        let agreement = json!({"kind": "memorandum", "title": {"uk": "Меморандум"}, "parties": [{"partner_id": undp}, {"name": {"uk": "Хмельницька міська рада"}}], "status": "in_force", "measure_ids": [f.measure("1.3")]});
        for (collection, body) in [("/api/v1/partners", partner_body(3)), ("/api/v1/grants", grant), ("/api/v1/agreements", agreement)] {
            let created = app.create(collection, &body).await;
            let path = format!("{collection}/{}", created["id"].as_str().unwrap());
            let submitted = app.call(Method::POST, &format!("{path}/submit"), Some(Role::Editor), None).await.expect(200);
            assert_eq!(submitted["publication"], "submitted", "{collection}");
            let returned = app.post(&format!("{path}/return"), Role::Publisher, &json!({"comment": "Уточніть суму"})).await.expect(200);
            assert_eq!(returned["publication"], "draft", "{collection}");
            let comments = app.get_as(&format!("{path}/comments"), Role::Viewer).await.expect(200);
            assert_eq!(comments["items"][0]["comment"], "Уточніть суму", "{collection}");
            app.post(&format!("{path}/comments"), Role::Editor, &json!({"comment": "Уточнили"})).await.expect(201);
        }
        assert_eq!(app.count_rows("record_comments").await, 6);
        let missing = "/api/v1/grants/00000000-0000-0000-0000-000000000000";
        app.get_as(&format!("{missing}/comments"), Role::Viewer).await.expect_problem(404, "not_found");
        app.post(&format!("{missing}/comments"), Role::Editor, &json!({"comment": "?"})).await.expect_problem(404, "not_found");
    }
}
