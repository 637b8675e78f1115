use intercoop_tests::{Role, db_test};
use serde_json::json;

db_test! {
    async fn every_change_is_in_the_trail_with_its_fields(app) {
        let body = json!({"name": {"uk": "Дрезден", "en": "Dresden"}, "kind": "solidarity_partner", "country": "DE"});
        let created = app.post("/api/v1/partners", Role::Editor, &body).await.expect(201);
        let id = created["id"].as_str().unwrap();
        let path = format!("/api/v1/partners/{id}");
        app.patch(&path, Role::Editor, &json!({"website": "https://www.dresden.de/"})).await.expect(200);
        app.patch(&path, Role::Editor, &json!({"country": "XX"})).await.expect_problem(422, "validation_failed");
        app.delete(&path, Role::Admin).await.expect(204);

        app.get(&format!("{path}/history")).await.expect_problem(401, "missing_token");
        let history = app.get_as(&format!("{path}/history"), Role::Viewer).await.expect(200);
        let entries = history.as_array().unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "update", "delete"], "the failed patch left no entry");
        assert_eq!(entries[0]["actor"], "test");
        assert_eq!(entries[0]["actor_role"], "editor");
        assert_eq!(entries[0]["changes"]["name"]["after"]["en"], "Dresden");
        assert_eq!(entries[1]["record_version"], 2);
        assert_eq!(entries[1]["changes"], json!({"website": {"before": null, "after": "https://www.dresden.de/"}}));
        assert_eq!(entries[2]["actor_role"], "admin");
        assert_eq!(entries[2]["record_version"], serde_json::Value::Null);
        assert_eq!(entries[2]["changes"]["kind"]["before"], "solidarity_partner");
        assert_eq!(app.count_rows("audit_entries").await, 3);
    }
}

db_test! {
    async fn the_whole_trail_is_for_admins(app) {
        let body = json!({"name": {"uk": "Сілістра"}, "kind": "twin_city"});
        let partner = app.post("/api/v1/partners", Role::Editor, &body).await.expect(201);
        app.get_as("/api/v1/audit", Role::Publisher).await.expect_problem(403, "forbidden");
        let trail = app.get_as("/api/v1/audit?record_type=partner&actor=test", Role::Admin).await.expect(200);
        assert_eq!(trail["total"], 1);
        assert_eq!(trail["items"][0]["record_id"], partner["id"]);
        let none = app.get_as("/api/v1/audit?actor=someone-else", Role::Admin).await.expect(200);
        assert_eq!(none["total"], 0);
        app.get_as("/api/v1/audit?from=yesterday", Role::Admin).await.expect_problem(400, "invalid_query");
        app.get_as("/api/v1/partners/00000000-0000-0000-0000-000000000000/history", Role::Viewer)
            .await
            .expect_problem(404, "not_found");
    }
}

db_test! {
    async fn a_dataset_load_is_recorded_as_the_system(app) {
        intercoop_persistence::seed::load(&app.db, intercoop_persistence::seed::KHMELNYTSKYI_2024).await.unwrap();
        let trail = app.get_as("/api/v1/audit?record_type=measure&limit=1", Role::Admin).await.expect(200);
        assert_eq!(trail["total"], 18);
        assert_eq!(trail["items"][0]["actor"], "dataset khmelnytskyi-2024");
        assert_eq!(trail["items"][0]["actor_role"], "system");
    }
}
