//! People's accounts for tests: made in the database, signed in over HTTP, and called with their tokens.

use intercoop_persistence::users::{self, NewUser, User};
use intercoop_persistence::{Actor, Database};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{TestApp, TestResponse};

/// Every test account's password.
pub const PASSWORD: &str = "correct horse battery staple";

/// An enabled account with `role` (and `unit`), its password [`PASSWORD`].
pub async fn account(db: &Database, username: &str, role: &str, unit: Option<&str>) -> User {
    let new = NewUser {
        username: username.into(),
        email: Some(format!("{username}@khm.gov.ua")),
        display_name: username.to_uppercase(),
        role: role.into(),
        unit: unit.map(str::to_owned),
        password_hash: intercoop_operations::accounts::passwords::hash(PASSWORD).unwrap(),
    };
    users::create(db, &Actor::system("test"), new).await.unwrap()
}

/// Signs in with a password.
pub async fn login(app: &TestApp, username: &str, password: &str) -> TestResponse {
    app.call(Method::POST, "/api/v1/auth/token", None, Some(&json!({"username": username, "password": password}))).await
}

/// Signs in as `username` with [`PASSWORD`]: the access and the refresh token.
pub async fn signed_in(app: &TestApp, username: &str) -> (String, String) {
    let tokens = login(app, username, PASSWORD).await.expect(200);
    (tokens["access_token"].as_str().unwrap().to_owned(), tokens["refresh_token"].as_str().unwrap().to_owned())
}

/// A request with `token` as its bearer token.
pub async fn as_bearer(app: &TestApp, method: Method, path: &str, token: &str, body: Option<&Value>) -> TestResponse {
    let authorization = format!("Bearer {token}");
    app.call_with_headers(method, path, &[("authorization", &authorization)], body).await
}
