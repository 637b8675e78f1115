//! An account's sessions follow the account: a new password or a disabled account ends them, a role or unit
//! change applies on the next request, and an idempotent replay is authorized as the operation is, now.

use intercoop_persistence::users::{self, User};
use intercoop_persistence::{Actor, RepoError};
use intercoop_tests::{Role, TestApp, account, as_bearer, db_test, signed_in};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

async fn change(app: &TestApp, id: Uuid, change: impl FnOnce(User) -> User) {
    users::update(&app.db, &Actor::system("test"), id, |u| Ok::<_, RepoError>(change(u.clone()))).await.unwrap();
}

async fn refresh(app: &TestApp, token: &str) -> intercoop_tests::TestResponse {
    app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": token}))).await
}

async fn keyed_post(app: &TestApp, token: &str, path: &str, key: &str, body: &Value) -> intercoop_tests::TestResponse {
    let authorization = format!("Bearer {token}");
    app.call_with_headers(
        Method::POST,
        path,
        &[("authorization", &authorization), ("idempotency-key", key)],
        Some(body),
    )
    .await
}

db_test! {
    async fn a_new_password_or_a_disabled_account_ends_every_session(app) {
        let user = account(&app.db, "oksana", "editor", None).await;
        let (_, first) = signed_in(&app, "oksana").await;
        let (_, second) = signed_in(&app, "oksana").await;
        let path = format!("/api/v1/users/{}", user.id);
        app.patch(&path, Role::Admin, &json!({"password": "a brand new long password"})).await.expect(200);
        refresh(&app, &first).await.expect_problem(401, "invalid_credentials");
        refresh(&app, &second).await.expect_problem(401, "invalid_credentials");

        let tokens = intercoop_tests::login(&app, "oksana", "a brand new long password").await.expect(200);
        let third = tokens["refresh_token"].as_str().unwrap().to_owned();
        app.patch(&path, Role::Admin, &json!({"active": false})).await.expect(200);
        app.patch(&path, Role::Admin, &json!({"active": true})).await.expect(200);
        refresh(&app, &third).await.expect_problem(401, "invalid_credentials");

        let hash = intercoop_operations::accounts::passwords::hash("set from the command line").unwrap();
        let (_, fourth) = signed_in_with(&app, "oksana", "a brand new long password").await;
        change(&app, user.id, |u| User { password_hash: hash, ..u }).await;
        refresh(&app, &fourth).await.expect_problem(401, "invalid_credentials");
    }
}

async fn signed_in_with(app: &TestApp, username: &str, password: &str) -> (String, String) {
    let tokens = intercoop_tests::login(app, username, password).await.expect(200);
    (tokens["access_token"].as_str().unwrap().to_owned(), tokens["refresh_token"].as_str().unwrap().to_owned())
}

db_test! {
    async fn a_role_or_unit_change_applies_to_the_next_request(app) {
        let user = account(&app.db, "petro", "editor", Some("управління культури")).await;
        let (access, _) = signed_in(&app, "petro").await;
        let partner = |uk: &str| json!({"name": {"uk": uk}, "kind": "partner_city"});
        let created = as_bearer(&app, Method::POST, "/api/v1/partners", &access, Some(&partner("Вроцлав"))).await.expect(201);
        assert_eq!(created["owner_unit"], "управління культури");

        change(&app, user.id, |u| User { unit: Some("управління економіки".into()), ..u }).await;
        let me = as_bearer(&app, Method::GET, "/api/v1/me", &access, None).await.expect(200);
        assert_eq!(me["unit"], "управління економіки");
        let created = as_bearer(&app, Method::POST, "/api/v1/partners", &access, Some(&partner("Люблін"))).await.expect(201);
        assert_eq!(created["owner_unit"], "управління економіки");

        change(&app, user.id, |u| User { role: "viewer".into(), ..u }).await;
        as_bearer(&app, Method::POST, "/api/v1/partners", &access, Some(&partner("Каунас"))).await.expect_problem(403, "forbidden");
        assert_eq!(as_bearer(&app, Method::GET, "/api/v1/me", &access, None).await.expect(200)["role"], "viewer");
        assert_eq!(app.count_rows("partners").await, 2);
    }
}

db_test! {
    async fn a_replay_needs_the_operations_role_now(app) {
        let user = account(&app.db, "halyna", "editor", None).await;
        let (access, _) = signed_in(&app, "halyna").await;
        let body = json!({"name": {"uk": "Гданськ"}, "kind": "partner_city", "country": "PL"});
        let first = keyed_post(&app, &access, "/api/v1/partners", "gdansk-1", &body).await.expect(201);
        let replay = keyed_post(&app, &access, "/api/v1/partners", "gdansk-1", &body).await;
        assert_eq!(replay.expect(201), first);

        change(&app, user.id, |u| User { role: "viewer".into(), ..u }).await;
        let replays = futures_util::future::join_all(
            (0..8).map(|_| keyed_post(&app, &access, "/api/v1/partners", "gdansk-1", &body)),
        )
        .await;
        for replay in replays {
            replay.expect_problem(403, "forbidden");
            assert!(replay.header("idempotency-replayed").is_none());
        }

        change(&app, user.id, |u| User { role: "editor".into(), active: false, ..u }).await;
        let refused = keyed_post(&app, &access, "/api/v1/partners", "gdansk-1", &body).await;
        refused.expect_problem(401, "invalid_token");
        assert!(!refused.text.contains(first["id"].as_str().unwrap()));
        assert_eq!(app.count_rows("partners").await, 1);
    }
}

db_test! {
    async fn answers_that_hold_secrets_are_never_kept(app) {
        let admin = app.token(Role::Admin);
        let body = json!({"url": "http://127.0.0.1:9/hook", "event_types": ["activity.published"], "active": false});
        let first = keyed_post(&app, &admin, "/api/v1/webhooks", "hook-1", &body).await.expect(201);
        assert!(first["secret"].as_str().unwrap().starts_with("whsec_"));
        let second = keyed_post(&app, &admin, "/api/v1/webhooks", "hook-1", &body).await;
        assert!(second.header("idempotency-replayed").is_none());
        assert_ne!(second.expect(201)["secret"], first["secret"]);
        let path = format!("/api/v1/webhooks/{}/secret", first["id"].as_str().unwrap());
        keyed_post(&app, &admin, &path, "rotate-1", &json!({})).await.expect(200);
        assert!(keyed_post(&app, &admin, &path, "rotate-1", &json!({})).await.header("idempotency-replayed").is_none());
        assert_eq!(app.count_rows("idempotency_keys").await, 0);
    }
}
