//! ETags, conditional requests, and writers racing on one record.

use intercoop_tests::{Backend, Role, TestApp, db_test};
use reqwest::Method;
use serde_json::{Value, json};

async fn partner(app: &TestApp) -> (String, String) {
    let body = json!({"name": {"uk": "Сілістра", "en": "Silistra"}, "kind": "twin_city", "country": "BG"});
    let response = app.post("/api/v1/partners", Role::Admin, &body).await;
    let created = response.expect(201);
    let etag = response.header("etag").expect("a created record has an ETag").to_owned();
    (format!("/api/v1/partners/{}", created["id"].as_str().unwrap()), etag)
}

async fn conditional(
    app: &TestApp,
    method: Method,
    path: &str,
    header: (&str, &str),
    body: Option<&Value>,
) -> intercoop_tests::TestResponse {
    let token = format!("Bearer {}", app.token(Role::Admin));
    let mut headers = vec![("authorization", token.as_str()), header];
    if body.is_some() && method == Method::PATCH {
        headers.push(("content-type", "application/merge-patch+json"));
    }
    app.call_with_headers(method, path, &headers, body).await
}

db_test! {
    async fn records_carry_etags_and_reads_can_be_conditional(app) {
        let (path, etag) = partner(&app).await;
        assert_eq!(etag, "\"1\"");
        let read = app.get_as(&path, Role::Viewer).await;
        assert_eq!(read.header("etag"), Some("\"1\""));
        let token = format!("Bearer {}", app.token(Role::Viewer));
        let auth = ("authorization", token.as_str());
        let not_modified = app.call_with_headers(Method::GET, &path, &[auth, ("if-none-match", "\"1\"")], None).await;
        assert_eq!(not_modified.status.as_u16(), 304);
        assert!(not_modified.text.is_empty());
        assert_eq!(not_modified.header("etag"), Some("\"1\""));
        let changed = app.call_with_headers(Method::GET, &path, &[auth, ("if-none-match", "\"0\"")], None).await;
        assert_eq!(changed.status.as_u16(), 200);
    }
}

db_test! {
    async fn a_stale_if_match_changes_nothing(app) {
        let (path, etag) = partner(&app).await;
        let first = conditional(&app, Method::PATCH, &path, ("if-match", &etag), Some(&json!({"aliases": ["Silistra"]}))).await;
        first.expect(200);
        assert_eq!(first.header("etag"), Some("\"2\""));

        let stale = conditional(&app, Method::PATCH, &path, ("if-match", &etag), Some(&json!({"aliases": ["lost"]}))).await;
        stale.expect_problem(412, "precondition_failed");
        assert_eq!(stale.header("etag"), Some("\"2\""), "412 names the current version");
        let body = json!({"name": {"uk": "Сілістра"}, "kind": "twin_city"});
        conditional(&app, Method::PUT, &path, ("if-match", &etag), Some(&body)).await.expect_problem(412, "precondition_failed");
        conditional(&app, Method::DELETE, &path, ("if-match", &etag), None).await.expect_problem(412, "precondition_failed");

        let current = app.get_as(&path, Role::Viewer).await.expect(200);
        assert_eq!(current["version"], 2);
        assert_eq!(current["aliases"], json!(["Silistra"]));
        conditional(&app, Method::PUT, &path, ("if-match", "*"), Some(&body)).await.expect(200);
        conditional(&app, Method::DELETE, &path, ("if-match", "\"3\""), None).await.expect(204);
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_requires_if_match_refuses_blind_writes() {
    let app = TestApp::spawn_requiring_if_match(Backend::Sqlite).await;
    let (path, etag) = partner(&app).await;
    let blind = app.patch(&path, Role::Admin, &json!({"aliases": ["x"]})).await;
    blind.expect_problem(428, "precondition_required");
    assert_eq!(blind.header("etag"), Some("\"1\""));
    app.delete(&path, Role::Admin).await.expect_problem(428, "precondition_required");
    conditional(&app, Method::PATCH, &path, ("if-match", &etag), Some(&json!({"aliases": ["x"]}))).await.expect(200);
}

db_test! {
    async fn racing_writers_lose_no_acknowledged_update(app) {
        let (path, _) = partner(&app).await;
        let writers = 2;
        let rounds = 12;
        let mut tasks = Vec::new();
        let app = std::sync::Arc::new(app);
        for writer in 0..writers {
            let app = app.clone();
            let path = path.clone();
            tasks.push(tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for round in 0..rounds {
                    let alias = format!("w{writer}-r{round}");
                    loop {
                        let current = app.get_as(&path, Role::Viewer).await;
                        let etag = current.header("etag").unwrap().to_owned();
                        let mut aliases: Vec<Value> = current.json()["aliases"].as_array().unwrap().clone();
                        aliases.push(json!(alias));
                        let patch = json!({"aliases": aliases});
                        let answer = conditional(&app, Method::PATCH, &path, ("if-match", &etag), Some(&patch)).await;
                        match answer.status.as_u16() {
                            200 => {
                                acknowledged.push(alias.clone());
                                break;
                            }
                            412 => continue,
                            other => panic!("unexpected {other}: {}", answer.text),
                        }
                    }
                }
                acknowledged
            }));
        }
        let mut acknowledged = Vec::new();
        for task in tasks {
            acknowledged.extend(task.await.unwrap());
        }
        let stored = app.get_as(&path, Role::Viewer).await.expect(200);
        let aliases: Vec<&str> = stored["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(acknowledged.len(), writers * rounds);
        for alias in &acknowledged {
            assert!(aliases.contains(&alias.as_str()), "acknowledged update {alias} was lost");
        }
        assert_eq!(stored["version"], 1 + writers * rounds);
    }
}
