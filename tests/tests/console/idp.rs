//! Signing in to the console through the council's identity provider (OpenID Connect, the code flow with PKCE),
//! against a stand-in provider on loopback: the person works as a local account linked to the provider's
//! subject, with the role and unit its token says; a stale or forged answer, a wrong verifier, a replayed nonce
//! and a disabled account are refused.

use intercoop_tests::idp::FakeIdp;
use intercoop_tests::{Backend, Console, PASSWORD, Role, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

fn claims(roles: Value) -> Value {
    json!({"sub": "0b7e-44", "preferred_username": "o.koval@khm.gov.ua", "name": "Олена Коваль", "email": "o.koval@khm.gov.ua", "roles": roles, "department": "управління економіки"})
}

/// Where the console sends the browser, with the state it must bring back.
async fn start(console: &Console, next: &str) -> (String, String) {
    let sent = console.get(&format!("/console/sign-in/idp?next={next}")).await.expect(303);
    let location = sent.location.unwrap();
    assert!(location.starts_with("https://id.khm.gov.ua/authorize?"), "{location}");
    let url = url::Url::parse(&location).unwrap();
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!((query["response_type"].as_str(), query["code_challenge_method"].as_str()), ("code", "S256"));
    assert!(query["redirect_uri"].ends_with("/console/sign-in/idp/callback"));
    (location, query["state"].clone())
}

async fn user(app: &TestApp) -> Value {
    let users = app.get_as("/api/v1/users", Role::Admin).await.expect(200);
    users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["display_name"] == "Олена Коваль")
        .cloned()
        .unwrap_or(Value::Null)
}

async fn scenario(backend: Backend) {
    let idp = FakeIdp::start().await;
    let app = TestApp::spawn_with_idp(backend, idp.console_settings()).await;
    let console = Console::new(&app);
    assert!(
        console.get("/console/sign-in").await.body.contains("/console/sign-in/idp"),
        "the sign-in offers the provider"
    );

    // The provider's answer with another state, or with no attempt started in this browser, is refused.
    let (location, state) = start(&console, "/console/partners").await;
    idp.grant("code-1", &location, claims(json!(["viewer", "publisher"])), None);
    let forged = console.get("/console/sign-in/idp/callback?code=code-1&state=forged").await.expect(401);
    assert!(forged.body.contains("застаріла"), "{}", forged.body);
    let stranger = Console::new(&app);
    stranger.get(&format!("/console/sign-in/idp/callback?code=code-1&state={state}")).await.expect(401);

    let (location, state) = start(&console, "/console/partners").await;
    idp.grant("code-2", &location, claims(json!(["viewer", "publisher"])), None);
    let signed_in = console.get(&format!("/console/sign-in/idp/callback?code=code-2&state={state}")).await.expect(303);
    assert_eq!(signed_in.location.as_deref(), Some("/console/partners"));
    let start_page = console.get("/console/").await.expect(200);
    assert!(start_page.body.contains("Олена Коваль") && start_page.body.contains("публікатор"), "{}", start_page.body);
    let account = user(&app).await;
    assert_eq!(account["username"], "o.koval_khm.gov.ua");
    assert_eq!((account["role"].as_str(), account["unit"].as_str()), (Some("publisher"), Some("управління економіки")));
    let reset = json!({"password": "a new password of hers"});
    let path = format!("/api/v1/users/{}", account["id"].as_str().unwrap());
    let token = format!("Bearer {}", app.token(Role::Admin));
    let etag = format!("\"{}\"", account["version"]);
    let headers = [
        ("authorization", token.as_str()),
        ("if-match", etag.as_str()),
        ("content-type", "application/merge-patch+json"),
    ];
    let refused = app.call_with_headers(Method::PATCH, &path, &headers, Some(&reset)).await;
    refused.expect_problem(422, "validation_failed");
    assert_eq!(refused.error_fields(), ["password"], "an account the provider signs in has no password here");
    let login = json!({"username": "o.koval_khm.gov.ua", "password": PASSWORD});
    app.call(Method::POST, "/api/v1/auth/token", None, Some(&login)).await.expect_oauth(400, "invalid_grant");

    // A code traded once is spent; a wrong nonce is refused; the role follows the provider at the next sign-in.
    console.get(&format!("/console/sign-in/idp/callback?code=code-2&state={state}")).await.expect(401);
    let (location, state) = start(&console, "").await;
    idp.grant("code-3", &location, claims(json!("editor")), Some("another nonce"));
    console.get(&format!("/console/sign-in/idp/callback?code=code-3&state={state}")).await.expect(401);
    let (location, state) = start(&console, "").await;
    idp.grant("code-4", &location, claims(json!("editor")), None);
    console.get(&format!("/console/sign-in/idp/callback?code=code-4&state={state}")).await.expect(303);
    let account = user(&app).await;
    assert_eq!(account["role"], "editor");
    assert_eq!(app.count_rows("users").await, 1, "the same person is the same account: {account}");

    // Disabled by an admin, the account's session ends and the provider's word no longer signs it in.
    let path = format!("/api/v1/users/{}", account["id"].as_str().unwrap());
    let token = format!("Bearer {}", app.token(Role::Admin));
    let etag = format!("\"{}\"", account["version"]);
    app.call_with_headers(
        Method::PATCH,
        &path,
        &[("authorization", &token), ("if-match", &etag), ("content-type", "application/merge-patch+json")],
        Some(&json!({"active": false})),
    )
    .await
    .expect(200);
    assert_eq!(console.get("/console/").await.status, 303);
    let (location, state) = start(&console, "").await;
    idp.grant("code-5", &location, claims(json!("editor")), None);
    let refused = console.get(&format!("/console/sign-in/idp/callback?code=code-5&state={state}")).await.expect(401);
    assert!(refused.body.contains("вимкнено"), "{}", refused.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_through_the_identity_provider_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "set TEST_DATABASE_URL to run on PostgreSQL")]
async fn staff_sign_in_through_the_identity_provider_on_postgres() {
    scenario(Backend::Postgres).await;
}
