//! Password guessing is slowed down per account and per caller's address, counted before each password check, in
//! the database that every replica shares.

use intercoop_api::http::proxies::PublicAddress;
use intercoop_tests::{Options, PASSWORD, TestApp, account, db_test, login};
use reqwest::Method;
use serde_json::json;

fn behind_a_proxy() -> Options {
    let public = PublicAddress { base_url: None, trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()] };
    Options { public, ..Options::default() }
}

async fn login_from(app: &TestApp, address: &str, username: &str, password: &str) -> intercoop_tests::TestResponse {
    let body = json!({"username": username, "password": password});
    app.call_with_headers(Method::POST, "/api/v1/auth/token", &[("x-forwarded-for", address)], Some(&body)).await
}

db_test! {
    async fn simultaneous_guesses_are_counted_before_the_password_is_checked(app) {
        account(&app.db, "mykola", "viewer", None).await;
        let guesses = futures_util::future::join_all((0..40).map(|_| login(&app, "mykola", "guess guess guess"))).await;
        let statuses: Vec<u16> = guesses.iter().map(|r| r.status.as_u16()).collect();
        let refused = statuses.iter().filter(|s| **s == 400).count();
        let slowed = statuses.iter().filter(|s| **s == 429 || **s == 503).count();
        assert_eq!(refused + slowed, 40, "{statuses:?}");
        assert!(refused <= 5, "at most five guesses are checked: {statuses:?}");
        for response in guesses.iter().filter(|r| r.status.as_u16() == 429) {
            assert!(response.header("retry-after").is_some());
        }
        login(&app, "mykola", PASSWORD).await.expect_oauth(429, "temporarily_unavailable");
    }
}

db_test! {
    async fn every_replica_counts_the_same_failures(app) {
        account(&app.db, "ivan", "viewer", None).await;
        let sibling = app.spawn_sibling().await;
        for replica in [&app, &sibling, &app, &sibling, &app] {
            login(replica, "ivan", "guess guess guess").await.expect_oauth(400, "invalid_grant");
        }
        login(&sibling, "ivan", PASSWORD).await.expect_oauth(429, "temporarily_unavailable");
    }
}

db_test! {
    async fn behind_a_trusted_proxy_each_caller_is_counted_by_its_own_address(app: behind_a_proxy()) {
        account(&app.db, "mykola", "viewer", None).await;
        account(&app.db, "olena", "viewer", None).await;
        for _ in 0..5 {
            login_from(&app, "198.51.100.1", "mykola", "guess guess guess").await.expect_oauth(400, "invalid_grant");
        }
        login_from(&app, "198.51.100.1", "mykola", PASSWORD).await.expect_oauth(429, "temporarily_unavailable");
        login_from(&app, "198.51.100.2", "olena", PASSWORD).await.expect(200);
        login_from(&app, "198.51.100.1", "olena", PASSWORD).await.expect(200);

        for n in 0..20 {
            let response = login_from(&app, "198.51.100.3", &format!("nobody{n}"), "guess guess guess").await;
            response.expect_oauth(400, "invalid_grant");
        }
        login_from(&app, "198.51.100.3", "olena", PASSWORD).await.expect_oauth(429, "temporarily_unavailable");
        login_from(&app, "198.51.100.4", "olena", PASSWORD).await.expect(200);
    }
}
