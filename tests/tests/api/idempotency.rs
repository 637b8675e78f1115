//! Safe retries with Idempotency-Key.

use intercoop_tests::{Role, TestApp, db_test};
use reqwest::Method;
use serde_json::{Value, json};

async fn post_with_key(app: &TestApp, role: Role, key: &str, body: &Value) -> intercoop_tests::TestResponse {
    let authorization = format!("Bearer {}", app.token(role));
    app.call_with_headers(
        Method::POST,
        "/api/v1/partners",
        &[("authorization", &authorization), ("idempotency-key", key)],
        Some(body),
    )
    .await
}

db_test! {
    async fn a_retry_gets_the_first_answer_and_creates_nothing(app) {
        let body = json!({"name": {"uk": "Гальденслебен"}, "kind": "partner_city", "country": "DE"});
        let first = post_with_key(&app, Role::Editor, "import-17", &body).await;
        let created = first.expect(201);
        assert!(first.header("idempotency-replayed").is_none());
        let retry = post_with_key(&app, Role::Editor, "import-17", &body).await;
        assert_eq!(retry.expect(201), created);
        assert_eq!(retry.header("idempotency-replayed"), Some("true"));
        assert_eq!(retry.header("location"), first.header("location"));
        assert_eq!(retry.header("etag"), first.header("etag"));
        assert_eq!(app.count_rows("partners").await, 1);

        let other = json!({"name": {"uk": "Ціхенау"}, "kind": "partner_city"});
        post_with_key(&app, Role::Editor, "import-17", &other).await.expect_problem(422, "idempotency_key_reused");
        let someone_else = format!("Bearer {}", app.token_as("city-website", Role::Editor));
        app.call_with_headers(Method::POST, "/api/v1/partners", &[("authorization", &someone_else), ("idempotency-key", "import-17")], Some(&other))
            .await
            .expect(201);
        assert_eq!(app.count_rows("partners").await, 2, "keys are per caller");

        let bad = json!({"name": {"uk": " "}, "kind": "ngo"});
        post_with_key(&app, Role::Editor, "bad-1", &bad).await.expect_problem(422, "validation_failed");
        let replayed = post_with_key(&app, Role::Editor, "bad-1", &bad).await;
        replayed.expect_problem(422, "validation_failed");
        assert_eq!(replayed.header("idempotency-replayed"), Some("true"));
        post_with_key(&app, Role::Editor, &"k".repeat(300), &body).await.expect_problem(400, "invalid_query");
    }
}

db_test! {
    async fn concurrent_retries_create_one_record(app) {
        let body = json!({"name": {"uk": "Вроцлав"}, "kind": "partner_city", "country": "PL"});
        let (a, b, c) = tokio::join!(
            post_with_key(&app, Role::Editor, "race", &body),
            post_with_key(&app, Role::Editor, "race", &body),
            post_with_key(&app, Role::Editor, "race", &body),
        );
        let statuses: Vec<u16> = [&a, &b, &c].iter().map(|r| r.status.as_u16()).collect();
        assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
        for response in [&a, &b, &c].into_iter().filter(|r| r.status.as_u16() == 409) {
            response.expect_problem(409, "idempotency_key_in_progress");
        }
        assert!(statuses.contains(&201));
        assert_eq!(app.count_rows("partners").await, 1);
    }
}

db_test! {
    async fn a_retry_with_a_fresh_token_is_still_the_same_callers(app) {
        let body = json!({"name": {"uk": "Люблін"}, "kind": "partner_city", "country": "PL"});
        let first = app.keys_token_at(Role::Editor, 0);
        let later = app.keys_token_at(Role::Editor, 5);
        assert_ne!(first, later);
        for token in [first, later] {
            let authorization = format!("Bearer {token}");
            let response = app
                .call_with_headers(Method::POST, "/api/v1/partners", &[("authorization", &authorization), ("idempotency-key", "k1")], Some(&body))
                .await;
            response.expect(201);
        }
        assert_eq!(app.count_rows("partners").await, 1);
    }
}

db_test! {
    async fn an_anonymous_caller_with_a_key_is_told_to_sign_in(app) {
        for name in ["Гамбург", "Бремен"] {
            let body = json!({"name": {"uk": name}, "kind": "partner_city", "country": "DE"});
            let response = app.call_with_headers(Method::POST, "/api/v1/partners", &[("idempotency-key", "anon-1")], Some(&body)).await;
            response.expect_problem(401, "missing_token");
        }
        assert_eq!(app.count_rows("idempotency_keys").await, 0, "an anonymous caller's key is not kept");
    }
}

#[test]
fn the_contract_offers_a_key_on_creates_whose_answers_hold_no_secret() {
    let spec = intercoop_api::openapi::spec_value();
    let takes_key = |path: &str| {
        spec["paths"][path]["post"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
    };
    assert!(takes_key("/api/v1/partners") && takes_key("/api/v1/activities"));
    assert!(!takes_key("/api/v1/service-accounts"), "its answer holds the client secret, which is not kept");
}
