//! Service accounts: other systems sign in with OAuth2 client credentials.

use intercoop_tests::{Role, TestApp, db_test};
use reqwest::Method;
use serde_json::json;

async fn client_token(app: &TestApp, client_id: &str, secret: &str) -> intercoop_tests::TestResponse {
    let form = format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}");
    app.call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", form.into_bytes()).await
}

async fn with_token(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&serde_json::Value>,
) -> intercoop_tests::TestResponse {
    let authorization = format!("Bearer {token}");
    app.call_with_headers(method, path, &[("authorization", &authorization)], body).await
}

db_test! {
    async fn a_system_signs_in_with_its_client_credentials(app) {
        let body = json!({"client_id": "city-website", "name": "Сайт міста", "role": "editor", "unit": "управління економіки", "scopes": ["activities", "partners"]});
        app.post("/api/v1/service-accounts", Role::Publisher, &body).await.expect_problem(403, "forbidden");
        let created = app.post("/api/v1/service-accounts", Role::Admin, &body).await.expect(201);
        let secret = created["client_secret"].as_str().unwrap().to_owned();
        assert_eq!(secret.len(), 64);
        app.post("/api/v1/service-accounts", Role::Admin, &body).await.expect_problem(409, "conflict");
        let path = format!("/api/v1/service-accounts/{}", created["id"].as_str().unwrap());
        assert!(app.get_as(&path, Role::Admin).await.expect(200).get("client_secret").is_none());

        let tokens = client_token(&app, "city-website", &secret).await.expect(200);
        assert_eq!(tokens["scope"], "activities partners");
        assert!(tokens.get("refresh_token").is_none());
        let access = tokens["access_token"].as_str().unwrap().to_owned();
        let me = with_token(&app, Method::GET, "/api/v1/me", &access, None).await.expect(200);
        assert_eq!((me["subject"].as_str(), me["role"].as_str()), (Some("city-website"), Some("editor")));
        let partner = json!({"name": {"uk": "Сілістра"}, "kind": "twin_city"});
        let made = with_token(&app, Method::POST, "/api/v1/partners", &access, Some(&partner)).await.expect(201);
        assert_eq!(made["owner_unit"], "управління економіки");

        use base64::Engine;
        let basic = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("city-website:{secret}")));
        let via_basic = app
            .call_with_headers(Method::POST, "/api/v1/auth/token", &[("authorization", &basic), ("content-type", "application/x-www-form-urlencoded")], None)
            .await;
        via_basic.expect_oauth(400, "invalid_request");
        let via_basic = app
            .call_raw_with_headers(Method::POST, "/api/v1/auth/token", &[("authorization", &basic)], "application/x-www-form-urlencoded", b"grant_type=client_credentials".to_vec())
            .await;
        via_basic.expect(200);

        client_token(&app, "city-website", "wrong").await.expect_oauth(401, "invalid_client");
        let rotated = app.call(Method::POST, &format!("{path}/secret"), Some(Role::Admin), None).await.expect(200);
        client_token(&app, "city-website", &secret).await.expect_oauth(401, "invalid_client");
        let fresh = rotated["client_secret"].as_str().unwrap();
        client_token(&app, "city-website", fresh).await.expect(200);

        app.patch(&path, Role::Admin, &json!({"active": false})).await.expect(200);
        with_token(&app, Method::GET, "/api/v1/me", &access, None).await.expect_problem(401, "invalid_token");
        client_token(&app, "city-website", fresh).await.expect_oauth(401, "invalid_client");
        let trail = app.get_as("/api/v1/audit?record_type=service_account", Role::Admin).await.expect(200);
        assert_eq!(trail["total"], 3);
        assert!(!trail.to_string().contains(fresh), "no secret in the trail");
    }
}

db_test! {
    async fn credentials_with_a_nul_character_are_refused_as_unknown(app) {
        // PostgreSQL text cannot hold NUL: such a name matches no account and must not reach the database.
        let form = "grant_type=client_credentials&client_id=city%00website&client_secret=9f2c";
        let r = app.call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", form.as_bytes().to_vec()).await;
        r.expect_oauth(401, "invalid_client");
        let login = json!({"username": "ad\u{0}min", "password": "correct horse battery staple"});
        // In JSON, any NUL is refused before the body is read.
        app.call(Method::POST, "/api/v1/auth/token", None, Some(&login)).await.expect_oauth(400, "invalid_request");
        let form = "grant_type=password&username=ad%00min&password=x";
        let r = app.call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", form.as_bytes().to_vec()).await;
        r.expect_oauth(400, "invalid_grant");
    }
}
