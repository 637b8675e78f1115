//! Accounts: signing in with a password, refresh tokens that rotate and can be revoked, disabled accounts.

use intercoop_persistence::Actor;
use intercoop_persistence::users::{self, User};
use intercoop_tests::{PASSWORD, Role, account, as_bearer, db_test, login};
use reqwest::Method;
use serde_json::json;

db_test! {
    async fn a_person_signs_in_and_works_with_the_token(app) {
        account(&app.db, "olena", "editor", Some("управління економіки")).await;
        let response = login(&app, "Olena", PASSWORD).await;
        assert_eq!(response.header("cache-control"), Some("no-store"));
        let tokens = response.expect(200);
        assert_eq!(tokens["token_type"], "Bearer");
        assert_eq!(tokens["expires_in"], 900);
        let access = tokens["access_token"].as_str().unwrap();

        let me = as_bearer(&app, Method::GET, "/api/v1/me", access, None).await.expect(200);
        assert_eq!(me["subject"], "olena");
        assert_eq!(me["role"], "editor");
        assert_eq!(me["unit"], "управління економіки");
        assert_eq!(me["account"]["email"], "olena@khm.gov.ua");

        let body = json!({"name": {"uk": "Дрезден"}, "kind": "solidarity_partner"});
        let created = as_bearer(&app, Method::POST, "/api/v1/partners", access, Some(&body)).await.expect(201);
        assert_eq!(created["owner_unit"], "управління економіки");
        let form = app
            .call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded",
                format!("grant_type=password&username=olena&password={}", PASSWORD.replace(' ', "+")).into_bytes())
            .await;
        form.expect(200);
        let wrong_grant = app
            .call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", b"grant_type=implicit".to_vec())
            .await;
        wrong_grant.expect_oauth(400, "unsupported_grant_type");
    }
}

db_test! {
    async fn wrong_passwords_unknown_people_and_disabled_accounts_get_the_same_invalid_grant(app) {
        let user = account(&app.db, "taras", "viewer", None).await;
        let tokens = login(&app, "taras", PASSWORD).await.expect(200);
        let access = tokens["access_token"].as_str().unwrap().to_owned();
        let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();

        login(&app, "taras", "not the password at all").await.expect_oauth(400, "invalid_grant");
        login(&app, "nobody", PASSWORD).await.expect_oauth(400, "invalid_grant");

        users::update(&app.db, &Actor::system("test"), user.id, |u| Ok::<_, intercoop_persistence::RepoError>(User { active: false, ..u.clone() }))
            .await
            .unwrap();
        login(&app, "taras", PASSWORD).await.expect_oauth(400, "invalid_grant");
        let refused = as_bearer(&app, Method::GET, "/api/v1/me", &access, None).await;
        refused.expect_problem(401, "invalid_token");
        app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": refresh})))
            .await
            .expect_problem(401, "invalid_credentials");
    }
}

db_test! {
    async fn refresh_tokens_rotate_and_can_be_revoked(app) {
        account(&app.db, "iryna", "publisher", None).await;
        let first = login(&app, "iryna", PASSWORD).await.expect(200);
        let refresh = json!({"refresh_token": first["refresh_token"]});
        let second = app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&refresh)).await.expect(200);
        assert_ne!(second["refresh_token"], first["refresh_token"]);
        as_bearer(&app, Method::GET, "/api/v1/me", second["access_token"].as_str().unwrap(), None).await.expect(200);
        app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&refresh)).await.expect_problem(401, "invalid_credentials");

        let latest = json!({"refresh_token": second["refresh_token"]});
        app.call(Method::POST, "/api/v1/auth/logout", None, Some(&latest)).await.expect(204);
        app.call(Method::POST, "/api/v1/auth/logout", None, Some(&latest)).await.expect(204);
        app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&latest)).await.expect_problem(401, "invalid_credentials");
        assert_eq!(app.count_rows("refresh_tokens").await, 2);
    }
}

db_test! {
    async fn the_token_endpoint_takes_the_refresh_token_grant(app) {
        account(&app.db, "iryna", "viewer", None).await;
        let form = |body: String| {
            app.call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", body.into_bytes())
        };
        let first = login(&app, "iryna", PASSWORD).await.expect(200);
        let refresh = first["refresh_token"].as_str().unwrap();
        let second = form(format!("grant_type=refresh_token&refresh_token={refresh}")).await;
        assert_eq!(second.header("cache-control"), Some("no-store"));
        let second = second.expect(200);
        assert_ne!(second["refresh_token"], first["refresh_token"], "the refresh token rotates");
        as_bearer(&app, Method::GET, "/api/v1/me", second["access_token"].as_str().unwrap(), None).await.expect(200);
        let again = form(format!("grant_type=refresh_token&refresh_token={refresh}")).await;
        let refused = again.expect_oauth(400, "invalid_grant");
        assert_eq!(refused["code"], "invalid_credentials", "the problem's code rides beside: {refused}");
        form("grant_type=refresh_token".into()).await.expect_oauth(400, "invalid_request");
        let newest = second["refresh_token"].as_str().unwrap();
        app.call(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": newest}))).await.expect(200);
    }
}

db_test! {
    async fn accounts_are_audited_without_their_passwords(app) {
        let user = account(&app.db, "admin2", "admin", None).await;
        let hash = intercoop_operations::accounts::passwords::hash("another long password").unwrap();
        users::update(&app.db, &Actor::system("test"), user.id, |u| Ok::<_, intercoop_persistence::RepoError>(User { password_hash: hash, ..u.clone() }))
            .await
            .unwrap();
        let trail = app.get_as("/api/v1/audit?record_type=user", Role::Admin).await.expect(200);
        assert_eq!(trail["total"], 2);
        let text = trail.to_string();
        assert!(!text.contains("argon2"), "no password hash in the trail");
        assert_eq!(trail["items"][0]["changes"]["password"]["after"], "changed");
    }
}

db_test! {
    async fn admins_manage_accounts_over_http(app) {
        let body = json!({"username": "Olena.K", "display_name": "Олена Коваль", "email": "olena@khm.gov.ua", "role": "editor", "unit": "управління економіки", "password": PASSWORD});
        app.post("/api/v1/users", Role::Publisher, &body).await.expect_problem(403, "forbidden");
        let created = app.post("/api/v1/users", Role::Admin, &body).await.expect(201);
        assert_eq!(created["username"], "olena.k");
        assert!(created.get("password").is_none() && created.get("password_hash").is_none());
        app.post("/api/v1/users", Role::Admin, &body).await.expect_problem(409, "conflict");
        let bad = json!({"username": "o", "display_name": " ", "email": "nope", "role": "editor", "password": "short"});
        let response = app.post("/api/v1/users", Role::Admin, &bad).await;
        response.expect_problem(422, "validation_failed");
        let mut fields = response.error_fields();
        fields.sort();
        assert_eq!(fields, ["display_name", "email", "password", "username"]);
        let response = app.post("/api/v1/users", Role::Admin, &json!({"username": "x1", "display_name": "X", "role": "overlord", "password": PASSWORD})).await;
        assert_eq!(response.error_fields(), ["role"]);

        login(&app, "olena.k", PASSWORD).await.expect(200);
        let path = format!("/api/v1/users/{}", created["id"].as_str().unwrap());
        let patched = app.patch(&path, Role::Admin, &json!({"role": "publisher", "password": "a brand new long password"})).await.expect(200);
        assert_eq!(patched["role"], "publisher");
        login(&app, "olena.k", PASSWORD).await.expect_oauth(400, "invalid_grant");
        login(&app, "olena.k", "a brand new long password").await.expect(200);
        app.patch(&path, Role::Admin, &json!({"username": "renamed"})).await.expect_problem(422, "validation_failed");
        app.patch(&path, Role::Admin, &json!({"username": null})).await.expect_problem(422, "validation_failed");
        let kept = app.patch(&path, Role::Admin, &json!({"password": null, "unit": null})).await.expect(200);
        assert_eq!(kept["unit"], serde_json::Value::Null);
        login(&app, "olena.k", "a brand new long password").await.expect(200);
        app.patch(&path, Role::Admin, &json!({"active": false})).await.expect(200);
        login(&app, "olena.k", "a brand new long password").await.expect_oauth(400, "invalid_grant");
        let listed = app.get_as("/api/v1/users", Role::Admin).await.expect(200);
        assert_eq!(listed["total"], 1);
        assert_eq!(listed["items"][0]["active"], false);
    }
}

db_test! {
    async fn repeated_failures_are_slowed_down(app) {
        account(&app.db, "mykola", "viewer", None).await;
        for _ in 0..5 {
            login(&app, "mykola", "guess guess guess").await.expect_oauth(400, "invalid_grant");
        }
        let blocked = login(&app, "mykola", PASSWORD).await;
        blocked.expect_oauth(429, "temporarily_unavailable");
        let seconds: u64 = blocked.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=30).contains(&seconds), "{seconds}");
        let other = login(&app, "someone-else", PASSWORD).await;
        other.expect_oauth(400, "invalid_grant");
    }
}

db_test! {
    async fn an_e_mail_address_has_no_white_space_and_up_to_254_characters(app) {
        let with = |username: &str, email: String| json!({"username": username, "display_name": "Олена", "email": email, "role": "viewer", "password": PASSWORD});
        for (username, email) in [("nel", "\u{85}olena@khm.gov.ua".to_owned()), ("nbsp", "olena@khm\u{a0}gov.ua".to_owned())] {
            let response = app.post("/api/v1/users", Role::Admin, &with(username, email)).await;
            response.expect_problem(422, "validation_failed");
            assert_eq!(response.error_fields(), ["email"]);
        }
        let cyrillic = format!("{}@мiсто.укр", "о".repeat(244));
        assert_eq!(cyrillic.chars().count(), 254);
        let created = app.post("/api/v1/users", Role::Admin, &with("long", cyrillic.clone())).await.expect(201);
        assert_eq!(created["email"], cyrillic.as_str());
        let too_long = format!("о{cyrillic}");
        app.post("/api/v1/users", Role::Admin, &with("longer", too_long)).await.expect_problem(422, "validation_failed");
        let listed = app.get_as("/api/v1/users", Role::Admin).await.expect(200);
        assert_eq!(listed["total"], 1);
    }
}
