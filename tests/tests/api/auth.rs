use intercoop_tests::{Role, db_test};
use reqwest::Method;
use serde_json::json;

fn partner() -> serde_json::Value {
    json!({"name": {"uk": "ПРООН", "en": "UNDP"}, "kind": "international_organisation"})
}

db_test! {
    async fn writes_without_a_token_get_401_with_a_challenge(app) {
        let response = app.call(Method::POST, "/api/v1/partners", None, Some(&partner())).await;
        response.expect_problem(401, "missing_token");
        assert!(response.header("www-authenticate").unwrap().starts_with("Bearer"));
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn bad_tokens_get_401(app) {
        let other_keys = intercoop_api::auth::JwtKeys::from_secret(b"some other secret that is long enough");
        let foreign = format!("Bearer {}", other_keys.issue("x", Role::Admin, 600).unwrap());
        let expired = format!("Bearer {}", intercoop_api::auth::JwtKeys::from_secret(b"the test secret, long enough for HS256 use").issue("x", Role::Admin, -600).unwrap());
        let mut tampered = app.token(Role::Viewer);
        tampered.insert(tampered.len() - 3, 'A');
        let tampered = format!("Bearer {tampered}");
        for authorization in ["Bearer", "Bearer not.a.token", "Basic dXNlcjpwYXNz", foreign.as_str(), expired.as_str(), tampered.as_str()] {
            let response = app
                .call_with_headers(Method::POST, "/api/v1/partners", &[("authorization", authorization)], Some(&partner()))
                .await;
            response.expect_problem(401, "invalid_token");
            assert!(response.header("www-authenticate").is_some(), "{authorization}");
            let read = app.call_with_headers(Method::GET, "/api/v1/partners", &[("authorization", authorization)], None).await;
            read.expect_problem(401, "invalid_token");
        }
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn roles_below_the_operation_get_403(app) {
        app.post("/api/v1/partners", Role::Viewer, &partner()).await.expect_problem(403, "forbidden");
        let created = app.post("/api/v1/partners", Role::Editor, &partner()).await.expect(201);
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.put(&path, Role::Viewer, &partner()).await.expect_problem(403, "forbidden");
        app.delete(&path, Role::Editor).await.expect_problem(403, "forbidden");
        app.put(&path, Role::Editor, &partner()).await.expect(200);
    }
}
