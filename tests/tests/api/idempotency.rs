//! Safe retries with Idempotency-Key.

use intercoop_tests::{Role, TestApp, db_test};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
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
    let spec = intercoop_api::contract::spec_value();
    let takes_key = |path: &str| {
        spec["paths"][path]["post"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
    };
    assert!(takes_key("/api/v1/partners") && takes_key("/api/v1/activities"));
    assert!(!takes_key("/api/v1/service-accounts"), "its answer holds the client secret, which is not kept");
    assert!(!takes_key("/api/v1/webhooks"), "its answer holds the signing secret, which is not kept");
}

db_test! {
    async fn a_key_left_in_progress_by_a_dead_process_is_taken_again_once_its_lease_runs_out(app) {
        let body = json!({"name": {"uk": "Жешув"}, "kind": "partner_city", "country": "PL"});
        post_with_key(&app, Role::Editor, "crash-1", &body).await.expect(201);
        // As a process killed while handling the request leaves its claim: no answer, the lease still running.
        let conn = app.db.connection();
        let left = |expires: &str| {
            format!("UPDATE idempotency_keys SET status = NULL, body = NULL, headers = NULL, expires_at = '{expires}'")
        };
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(60)).to_rfc3339();
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), left(&soon))).await.unwrap();
        post_with_key(&app, Role::Editor, "crash-1", &body).await.expect_problem(409, "idempotency_key_in_progress");
        // The lease has run out: the owner is gone, and a retry is handled afresh.
        let past = (chrono::Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), left(&past))).await.unwrap();
        let retried = post_with_key(&app, Role::Editor, "crash-1", &body).await;
        assert!(retried.header("idempotency-replayed").is_none());
        retried.expect_problem(409, "conflict");
        let replayed = post_with_key(&app, Role::Editor, "crash-1", &body).await;
        assert_eq!(replayed.header("idempotency-replayed"), Some("true"));
    }
}

db_test! {
    async fn of_many_retries_after_a_lease_runs_out_one_takes_the_key(app) {
        use intercoop_persistence::idempotency::{Claim, claim};
        let lease = chrono::Duration::milliseconds(500);
        assert_eq!(claim(&app.db, "scope", "k", "hash", lease).await.unwrap(), Claim::Fresh);
        assert_eq!(claim(&app.db, "scope", "k", "hash", lease).await.unwrap(), Claim::InProgress);
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        let claims = futures_util::future::join_all((0..8).map(|_| claim(&app.db, "scope", "k", "hash", lease))).await;
        let claims: Vec<Claim> = claims.into_iter().map(Result::unwrap).collect();
        assert_eq!(claims.iter().filter(|c| **c == Claim::Fresh).count(), 1, "{claims:?}");
        assert!(claims.iter().all(|c| matches!(c, Claim::Fresh | Claim::InProgress)), "{claims:?}");
    }
}

fn short_timeout() -> intercoop_tests::Options {
    intercoop_tests::Options { request_timeout: std::time::Duration::from_secs(1), ..Default::default() }
}

db_test! {
    async fn a_slow_keyed_body_is_cut_off_by_the_request_timeout(app: short_timeout()) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.base.trim_start_matches("http://").to_owned();
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let head = format!(
            "POST /api/v1/partners HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: 200\r\nIdempotency-Key: slow-1\r\n\r\n",
            app.token(Role::Editor)
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let (mut reader, mut writer) = stream.into_split();
        let trickle = tokio::spawn(async move {
            for _ in 0..40 {
                if writer.write_all(b" ").await.is_err() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        });
        let started = std::time::Instant::now();
        let mut answer = vec![0; 4096];
        let read = tokio::time::timeout(std::time::Duration::from_secs(3), reader.read(&mut answer)).await;
        let n = read.expect("answered within the request timeout, not after the whole body").unwrap();
        let answer = String::from_utf8_lossy(&answer[..n]);
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(answer.contains("\"code\":\"timeout\""), "{answer}");
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        trickle.abort();
        assert_eq!(app.count_rows("partners").await, 0);
    }
}
