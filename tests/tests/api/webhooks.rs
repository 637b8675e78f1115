//! Webhooks against a real receiver on 127.0.0.1: signed events, in order per record, retried until they
//! succeed, failed and redelivered on demand, kept across a restart; subscriptions managed by admins.

use std::collections::HashMap;

use intercoop_tests::{Receiver, Role, TestApp, db_test, partner_body};
use serde_json::{Value, json};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

async fn subscribe(app: &TestApp, receiver: &Receiver, event_types: Value) -> String {
    let body = json!({"url": receiver.url, "event_types": event_types, "secret": SECRET, "description": "test"});
    let created = app.post("/api/v1/webhooks", Role::Admin, &body).await.expect(201);
    assert_eq!(created["secret"], SECRET);
    created["id"].as_str().unwrap().to_owned()
}

async fn deliveries(app: &TestApp, subscription: &str) -> Vec<Value> {
    let path = format!("/api/v1/webhooks/{subscription}/deliveries?limit=200");
    app.get_as(&path, Role::Admin).await.expect(200)["items"].as_array().unwrap().clone()
}

/// Waits until every delivery of the subscription is in `status` (at most 20 seconds).
async fn wait_until_all(app: &TestApp, subscription: &str, status: &str, n: usize) -> Vec<Value> {
    let started = std::time::Instant::now();
    loop {
        let all = deliveries(app, subscription).await;
        if (all.len() == n && all.iter().all(|d| d["status"] == status)) || started.elapsed().as_secs() > 20 {
            return all;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

db_test! {
    async fn a_subscriber_gets_signed_events_in_order_per_record(app) {
        let receiver = Receiver::start(SECRET).await;
        let subscription = subscribe(&app, &receiver, json!(["partner.*"])).await;
        let created = app.create("/api/v1/partners", &partner_body(1)).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.patch(&path, Role::Editor, &json!({"website": "https://lublin.eu"})).await.expect(200);
        app.patch(&path, Role::Editor, &json!({"city": {"uk": "Люблін", "en": "Lublin"}})).await.expect(200);
        app.publish(&path).await;
        app.create("/api/v1/partners", &partner_body(2)).await;
        app.create("/api/v1/programmes", &intercoop_tests::programme_body()).await;
        app.delete(&path, Role::Admin).await.expect(204);

        let accepted = receiver.wait_for(6).await;
        assert_eq!(accepted.len(), 6, "{accepted:#?}");
        assert!(receiver.requests().iter().all(|r| r.signature_valid), "a signature did not verify");
        let first: Vec<(String, i64)> = accepted
            .iter()
            .filter(|r| r.body["data"]["id"] == created["id"])
            .map(|r| (r.body["type"].as_str().unwrap().to_owned(), r.body["data"]["version"].as_i64().unwrap()))
            .collect();
        let expected = ["partner.created", "partner.updated", "partner.updated", "partner.published", "partner.deleted"];
        assert_eq!(first, expected.iter().enumerate().map(|(i, t)| (t.to_string(), i as i64 + 1)).collect::<Vec<_>>());
        assert!(accepted.iter().all(|r| r.body["type"].as_str().unwrap().starts_with("partner.")));
        // Only each record's events are ordered: another record's may come first.
        let creation = accepted.iter().find(|r| r.body["data"]["id"] == created["id"]).unwrap();
        assert_eq!(creation.body["data"]["record"], created);
        let (feed, _) = app.changes_until("", 5).await;
        let in_feed = feed.iter().find(|c| c["id"] == created["id"] && c["version"] == 1).unwrap();
        assert_eq!(&creation.body["data"], in_feed, "a webhook's data is the change as the feed shows it");

        let log = wait_until_all(&app, &subscription, "delivered", 6).await;
        assert!(log.iter().all(|d| d["status"] == "delivered" && d["attempts"] == 1), "{log:#?}");
        let ids: Vec<&str> = accepted.iter().map(|r| r.webhook_id.as_str()).collect();
        assert!(log.iter().all(|d| ids.contains(&d["id"].as_str().unwrap())));
        assert_eq!(log[0]["attempt_log"][0]["status"], 204);
    }
}

db_test! {
    async fn a_failing_receiver_gets_retries_and_each_records_events_still_arrive_in_order(app) {
        let receiver = Receiver::start(SECRET).await;
        let subscription = subscribe(&app, &receiver, json!(["*"])).await;
        receiver.fail_next(2);
        let created = app.create("/api/v1/partners", &partner_body(1)).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.patch(&path, Role::Editor, &json!({"website": "https://lublin.eu"})).await.expect(200);

        let accepted = receiver.wait_for(2).await;
        let types: Vec<&str> = accepted.iter().map(|r| r.body["type"].as_str().unwrap()).collect();
        assert_eq!(types, ["partner.created", "partner.updated"]);
        let requests = receiver.requests();
        assert_eq!(requests.len(), 4, "{requests:#?}");
        // The two failures were both the first event: the second waited for it.
        assert!(requests[..3].iter().all(|r| r.webhook_id == accepted[0].webhook_id));

        let log = wait_until_all(&app, &subscription, "delivered", 2).await;
        let first = log.iter().find(|d| d["id"] == accepted[0].webhook_id.as_str()).unwrap();
        assert_eq!(first["attempts"], 3);
        let statuses: Vec<&Value> = first["attempt_log"].as_array().unwrap().iter().map(|a| &a["status"]).collect();
        assert_eq!(statuses, [&json!(500), &json!(500), &json!(204)]);
        assert!(first["last_error"].is_null());
    }
}

db_test! {
    async fn an_event_that_fails_every_attempt_is_marked_failed_and_can_be_sent_again(app) {
        let receiver = Receiver::start(SECRET).await;
        let subscription = subscribe(&app, &receiver, json!(["partner.created"])).await;
        receiver.set_down(true);
        app.create("/api/v1/partners", &partner_body(1)).await;
        let log = wait_until_all(&app, &subscription, "failed", 1).await;
        assert_eq!(log[0]["status"], "failed", "{log:#?}");
        assert_eq!(log[0]["attempts"], 4);
        assert_eq!(log[0]["last_status"], 503);
        assert!(log[0]["last_error"].as_str().unwrap().contains("503"));
        let failed = app.get_as(&format!("/api/v1/webhooks/{subscription}/deliveries?status=failed"), Role::Admin).await;
        assert_eq!(failed.expect(200)["total"], 1);

        receiver.set_down(false);
        let path = format!("/api/v1/webhooks/{subscription}/deliveries/{}/redeliver", log[0]["id"].as_str().unwrap());
        let queued = app.call(reqwest::Method::POST, &path, Some(Role::Admin), None).await.expect(202);
        assert_eq!(queued["status"], "pending");
        let accepted = receiver.wait_for(1).await;
        assert_eq!(accepted.len(), 1);
        assert_eq!(accepted[0].webhook_id, log[0]["id"].as_str().unwrap());
        wait_until_all(&app, &subscription, "delivered", 1).await;

        let other = format!("/api/v1/webhooks/{subscription}/deliveries/{}/redeliver", uuid::Uuid::now_v7());
        app.call(reqwest::Method::POST, &other, Some(Role::Admin), None).await.expect_problem(404, "not_found");
    }
}

db_test! {
    async fn an_undelivered_event_is_delivered_after_a_restart(app) {
        let mut app = app;
        let receiver = Receiver::start(SECRET).await;
        let subscription = subscribe(&app, &receiver, json!(["*"])).await;
        // The service stops before it can deliver; the changes wait in the outbox.
        app.stop_worker().await;
        app.create("/api/v1/partners", &partner_body(1)).await;
        app.create("/api/v1/partners", &partner_body(2)).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(receiver.requests().is_empty());
        assert!(deliveries(&app, &subscription).await.iter().all(|d| d["status"] == "pending"));

        app.start_worker().await;
        let accepted = receiver.wait_for(2).await;
        assert_eq!(accepted.len(), 2);
        wait_until_all(&app, &subscription, "delivered", 2).await;
    }
}

db_test! {
    async fn admins_manage_subscriptions(app) {
        let receiver = Receiver::start(SECRET).await;
        let bad = json!({"url": "ftp://example.org", "event_types": ["activity.create", "user.created"], "secret": "x"});
        let problem = app.post("/api/v1/webhooks", Role::Admin, &bad).await.expect_problem(422, "validation_failed");
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["url", "event_types[0]", "event_types[1]", "secret"]);
        app.post("/api/v1/webhooks", Role::Admin, &json!({"url": receiver.url, "event_types": []})).await
            .expect_problem(422, "validation_failed");
        assert_eq!(app.count_rows("webhook_subscriptions").await, 0);

        let created = app.post("/api/v1/webhooks", Role::Admin, &json!({"url": receiver.url, "event_types": ["*"]})).await;
        let created = created.expect(201);
        let generated = created["secret"].as_str().unwrap();
        assert!(generated.starts_with("whsec_") && generated.len() > 40);
        let path = format!("/api/v1/webhooks/{}", created["id"].as_str().unwrap());
        let shown = app.get_as(&path, Role::Admin).await.expect(200);
        assert!(shown.get("secret").is_none(), "{shown}");
        assert_eq!(shown["active"], true);

        // Paused: changes made meanwhile are not sent.
        let paused = app.patch(&path, Role::Admin, &json!({"active": false})).await.expect(200);
        assert_eq!(paused["active"], false);
        assert_eq!(paused["version"], 2);
        app.create("/api/v1/partners", &partner_body(1)).await;
        assert_eq!(app.count_rows("webhook_deliveries").await, 0);
        app.patch(&path, Role::Admin, &json!({"url": "not a url"})).await.expect_problem(422, "validation_failed");

        let rotated = app.call(reqwest::Method::POST, &format!("{path}/secret"), Some(Role::Admin), None).await.expect(200);
        assert_ne!(rotated["secret"], generated);
        assert_eq!(app.get_as("/api/v1/webhooks", Role::Admin).await.expect(200)["total"], 1);
        let history = app.get_as("/api/v1/audit?record_type=webhook", Role::Admin).await.expect(200);
        assert_eq!(history["total"], 3);
        assert!(!history.to_string().contains(generated), "the audit trail shows a secret");

        app.patch(&path, Role::Admin, &json!({"active": true})).await.expect(200);
        app.create("/api/v1/partners", &partner_body(2)).await;
        assert_eq!(app.count_rows("webhook_deliveries").await, 1);
        app.delete(&path, Role::Admin).await.expect(204);
        assert_eq!(app.count_rows("webhook_deliveries").await, 0);
        app.get_as(&path, Role::Admin).await.expect_problem(404, "not_found");
        app.get_as(&format!("{path}/deliveries"), Role::Admin).await.expect_problem(404, "not_found");
    }
}

/// Two processes on one PostgreSQL: the feed stays gap-free and in order through either, each webhook event is
/// sent by one worker only and in order per record, and an idempotency key holds across both.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[cfg_attr(not(pg_tests), ignore = "set TEST_DATABASE_URL to run on PostgreSQL")]
async fn two_processes_on_one_postgresql() {
    let a = TestApp::spawn(intercoop_tests::Backend::Postgres).await;
    let b = a.spawn_sibling().await;
    let receiver = Receiver::start(SECRET).await;
    subscribe(&a, &receiver, json!(["partner.*"])).await;

    crate::changes::follow_while_writing(&[&a, &b]).await;

    let expected = a.count_rows("webhook_deliveries").await as usize;
    let accepted = receiver.wait_for(expected).await;
    assert_eq!(accepted.len(), expected);
    let mut seen = HashMap::new();
    let mut versions: HashMap<String, i64> = HashMap::new();
    for r in &accepted {
        assert!(seen.insert(r.webhook_id.clone(), ()).is_none(), "event {} was sent twice", r.webhook_id);
        let id = r.body["data"]["id"].as_str().unwrap().to_owned();
        let version = r.body["data"]["version"].as_i64().unwrap();
        let before = versions.insert(id.clone(), version).unwrap_or(0);
        assert_eq!(version, before + 1, "{id}: version {version} arrived after {before}");
    }
    assert_eq!(receiver.requests().len(), expected, "some event was sent more than once");

    let body = partner_body(999);
    let key = [("Idempotency-Key", "two-processes-1"), ("Authorization", &format!("Bearer {}", a.token(Role::Editor)))];
    let first = a.call_with_headers(reqwest::Method::POST, "/api/v1/partners", &key, Some(&body)).await.expect(201);
    let again = b.call_with_headers(reqwest::Method::POST, "/api/v1/partners", &key, Some(&body)).await;
    assert_eq!(again.header("idempotency-replayed"), Some("true"));
    assert_eq!(again.expect(201)["id"], first["id"]);
    let named = a.get_as("/api/v1/partners?q=999", Role::Viewer).await.expect(200);
    assert_eq!(named["total"], 1);
}

db_test! {
    async fn targets_off_limits_are_refused_at_subscription(app) {
        for (url, why) in [
            ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
            ("http://10.0.0.1/hook", "a private range the settings do not list"),
            ("https://93.184.216.34:22/hook", "a public address on a port other than the web's"),
            ("http://hook:secret@127.0.0.1:9/hook", "credentials in the URL"),
        ] {
            let body = json!({"url": url, "event_types": ["*"], "active": false});
            let response = app.post("/api/v1/webhooks", Role::Admin, &body).await;
            response.expect_problem(422, "validation_failed");
            assert_eq!(response.json()["errors"][0]["field"], "url", "{why}");
            assert_eq!(response.json()["errors"][0]["code"], "target_not_allowed", "{why}");
        }
        assert_eq!(app.count_rows("webhook_subscriptions").await, 0);
        let paused = json!({"url": "http://127.0.0.1:9/hook", "event_types": ["*"], "active": false});
        let created = app.post("/api/v1/webhooks", Role::Admin, &paused).await.expect(201);
        let path = format!("/api/v1/webhooks/{}", created["id"].as_str().unwrap());
        let moved = app.patch(&path, Role::Admin, &json!({"url": "http://169.254.169.254/"})).await;
        moved.expect_problem(422, "validation_failed");
        assert_eq!(app.get_as(&path, Role::Admin).await.expect(200)["url"], "http://127.0.0.1:9/hook");
    }
}

db_test! {
    async fn a_delivery_to_a_target_the_worker_may_not_reach_is_not_sent(app) {
        let mut app = app;
        let receiver = Receiver::start(SECRET).await;
        let subscription = subscribe(&app, &receiver, json!(["partner.*"])).await;
        // This process's worker is set to reach public addresses only: the receiver on loopback is off limits.
        app.stop_worker().await;
        let strict = intercoop_operations::webhooks::WebhookSettings { allowed_targets: Vec::new(), ..intercoop_tests::webhook_settings() };
        let worker = intercoop_operations::webhooks::Worker::new(app.db.clone(), strict).unwrap().spawn();
        app.create("/api/v1/partners", &partner_body(1)).await;
        let started = std::time::Instant::now();
        let attempted = loop {
            let all = deliveries(&app, &subscription).await;
            if all.iter().any(|d| d["last_error"].is_string()) || started.elapsed().as_secs() > 20 {
                break all;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        worker.stop().await;
        assert!(attempted[0]["last_error"].as_str().unwrap().starts_with("not sent:"), "{attempted:#?}");
        assert!(receiver.requests().is_empty(), "nothing reached the receiver");
    }
}
