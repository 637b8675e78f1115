//! Tokens from the council's identity provider (ES256 here), checked against its JWKS, from a file or a URL.

use intercoop_api::auth::idp::IdpSettings;
use intercoop_tests::{Backend, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

const JWKS: &str = include_str!("../../fixtures/idp/jwks.json");

fn settings() -> IdpSettings {
    intercoop_tests::idp::settings()
}

fn token(claims: Value, kid: Option<&str>) -> String {
    intercoop_tests::idp::sign(&claims, kid)
}

fn claims(iss: &str, aud: &str, roles: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": "o.koval", "iss": iss, "aud": aud, "iat": now, "exp": now + 600, "roles": roles, "department": "управління економіки"})
}

async fn me(app: &TestApp, token: &str) -> intercoop_tests::TestResponse {
    let authorization = format!("Bearer {token}");
    app.call_with_headers(Method::GET, "/api/v1/me", &[("authorization", &authorization)], None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_identity_providers_tokens_are_accepted_with_their_role_and_unit() {
    let app = TestApp::spawn_with_idp(Backend::Sqlite, settings()).await;
    let good = token(claims("https://id.khm.gov.ua", "intercoop", json!(["viewer", "editor"])), Some("test-idp-1"));
    let caller = me(&app, &good).await.expect(200);
    assert_eq!(caller["subject"], "o.koval");
    assert_eq!(caller["role"], "editor");
    assert_eq!(caller["unit"], "управління економіки");

    for (case, bad) in [
        ("wrong issuer", token(claims("https://evil.example", "intercoop", json!("admin")), Some("test-idp-1"))),
        ("wrong audience", token(claims("https://id.khm.gov.ua", "another", json!("admin")), Some("test-idp-1"))),
        ("unknown key", token(claims("https://id.khm.gov.ua", "intercoop", json!("admin")), Some("other-key"))),
        (
            "no known role",
            token(claims("https://id.khm.gov.ua", "intercoop", json!(["superuser"])), Some("test-idp-1")),
        ),
    ] {
        let response = me(&app, &bad).await;
        response.expect_problem(401, "invalid_token");
        assert!(response.header("www-authenticate").is_some(), "{case}");
    }
    let no_kid = token(claims("https://id.khm.gov.ua", "intercoop", json!("viewer")), None);
    me(&app, &no_kid).await.expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_keys_can_come_from_a_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = actix_web::HttpServer::new(|| {
        actix_web::App::new()
            .route("/jwks.json", actix_web::web::get().to(|| async { actix_web::HttpResponse::Ok().body(JWKS) }))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    let mut by_url = settings();
    by_url.jwks_file = None;
    by_url.jwks_url = Some(format!("http://127.0.0.1:{port}/jwks.json"));
    let app = TestApp::spawn_with_idp(Backend::Sqlite, by_url).await;
    let good = token(claims("https://id.khm.gov.ua", "intercoop", json!("publisher")), Some("test-idp-1"));
    assert_eq!(me(&app, &good).await.expect(200)["role"], "publisher");
    handle.stop(false).await;
}
