use intercoop_tests::{Role, TestApp, db_test};
use reqwest::Method;
use serde_json::json;

async fn step(app: &TestApp, path: &str, name: &str, role: Role) -> intercoop_tests::TestResponse {
    app.call(Method::POST, &format!("{path}/{name}"), Some(role), None).await
}

db_test! {
    async fn draft_published_withdrawn_and_back(app) {
        let f = app.programme_fixture().await;
        let body = json!({"title": {"uk": "Форум"}, "kind": "conference", "start_date": "2024-12-03", "measure_ids": [f.measure("1.3")]});
        let created = app.post("/api/v1/activities", Role::Editor, &body).await.expect(201);
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());
        assert_eq!(created["publication"], "draft");

        step(&app, &path, "withdraw", Role::Publisher).await.expect_problem(409, "invalid_transition");
        step(&app, &path, "reopen", Role::Publisher).await.expect_problem(409, "invalid_transition");
        step(&app, &path, "publish", Role::Editor).await.expect_problem(403, "forbidden");
        step(&app, &path, "publish", Role::Viewer).await.expect_problem(403, "forbidden");
        app.call(Method::POST, &format!("{path}/publish"), None, None).await.expect_problem(401, "missing_token");

        let published = step(&app, &path, "publish", Role::Publisher).await;
        assert_eq!(published.header("etag"), Some("\"2\""));
        assert_eq!(published.expect(200)["publication"], "published");
        step(&app, &path, "publish", Role::Publisher).await.expect_problem(409, "invalid_transition");
        assert_eq!(app.get(&path).await.expect(200)["publication"], "published");

        let withdrawn = step(&app, &path, "withdraw", Role::Publisher).await.expect(200);
        assert_eq!(withdrawn["publication"], "withdrawn");
        app.get(&path).await.expect_problem(404, "not_found");
        assert_eq!(app.get("/api/v1/activities").await.expect(200)["total"], 0);
        assert_eq!(app.get_as("/api/v1/activities?publication=withdrawn", Role::Viewer).await.expect(200)["total"], 1);
        app.patch(&path, Role::Editor, &json!({"title": {"uk": "Форум відкритого врядування"}})).await.expect(200);

        let reopened = step(&app, &path, "reopen", Role::Publisher).await.expect(200);
        assert_eq!(reopened["publication"], "draft");
        assert_eq!(reopened["title"]["uk"], "Форум відкритого врядування");

        let history = app.get_as(&format!("{path}/history"), Role::Viewer).await.expect(200);
        let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "publish", "withdraw", "update", "reopen"]);
        assert_eq!(history[1]["changes"], json!({"publication": {"before": "draft", "after": "published"}}));
        assert_eq!(history[1]["actor_role"], "publisher");
    }
}

db_test! {
    async fn transitions_honour_if_match_and_exist_for_each_record_with_a_workflow(app) {
        let f = app.programme_fixture().await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        let grant = json!({"donor_id": undp, "project_title": {"uk": "Проскурів бізнес-хол"}, "amount": "654800", "currency": "EUR", "status": "completed"});
        let agreement = json!({"kind": "memorandum", "title": {"uk": "Меморандум"}, "parties": [{"partner_id": undp}, {"name": {"uk": "Хмельницька міська рада"}}], "status": "in_force", "measure_ids": [f.measure("1.3")]});
        for (collection, body) in [("/api/v1/grants", grant), ("/api/v1/agreements", agreement)] {
            let created = app.create(collection, &body).await;
            let path = format!("{collection}/{}", created["id"].as_str().unwrap());
            let token = format!("Bearer {}", app.token(Role::Publisher));
            let stale = app
                .call_with_headers(Method::POST, &format!("{path}/publish"), &[("authorization", &token), ("if-match", "\"7\"")], None)
                .await;
            stale.expect_problem(412, "precondition_failed");
            let fresh = app
                .call_with_headers(Method::POST, &format!("{path}/publish"), &[("authorization", &token), ("if-match", "\"1\"")], None)
                .await;
            assert_eq!(fresh.expect(200)["publication"], "published", "{collection}");
            assert_eq!(app.get(&path).await.expect(200)["publication"], "published");
        }
        assert_eq!(app.get(&format!("/api/v1/partners/{undp}")).await.expect(200)["publication"], "published");
        step(&app, "/api/v1/partners/00000000-0000-0000-0000-000000000000", "publish", Role::Publisher)
            .await
            .expect_problem(404, "not_found");
        app.call(Method::POST, &format!("/api/v1/measures/{}/publish", f.measure("1.1")), Some(Role::Admin), None)
            .await
            .expect_problem(404, "not_found");
    }
}
