//! Signing in and out of the console: the same password check and disabled-account rule as the API, a session
//! kept in the database (so it holds on every replica, and ends at once when signed out or disabled), and the
//! headers that keep its pages from being framed or running foreign script.

use intercoop_tests::{Console, PASSWORD, Role, account, db_test};
use serde_json::json;

db_test! {
    async fn signing_in_opens_the_start_page_with_a_server_side_session(app) {
        account(&app.db, "olena", "editor", None).await;
        let (console, page) = Console::sign_in(&app, "olena", PASSWORD).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location.as_deref(), Some("/console/"));
        let cookie = page.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).find(|c| c.starts_with("intercoop_console="));
        let cookie = cookie.expect("a session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/console"), "{cookie}");
        assert_eq!(app.count_rows("console_sessions").await, 1);
        let start = console.get("/console/").await.expect(200);
        assert!(start.body.contains("OLENA"), "the start page names the person");
        assert!(start.body.contains("<html lang=\"uk\""));
        let policy = start.headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
        assert_eq!(start.headers["x-frame-options"], "DENY");
    }
}

db_test! {
    async fn a_wrong_password_is_refused_in_ukrainian_and_the_username_is_kept(app) {
        account(&app.db, "olena", "editor", None).await;
        let (console, page) = Console::sign_in(&app, "olena", "not her password").await;
        let page = page.expect(401);
        assert!(page.body.contains("Ім&#39;я користувача чи пароль неправильні") || page.body.contains("Ім'я користувача чи пароль неправильні"), "{}", page.body);
        assert_eq!(page.input("username").as_deref(), Some("olena"));
        assert_eq!(app.count_rows("console_sessions").await, 0);
        assert_eq!(console.get("/console/").await.status, 303);
    }
}

db_test! {
    async fn a_page_without_a_session_sends_to_the_sign_in_and_back(app) {
        account(&app.db, "olena", "editor", None).await;
        let console = Console::new(&app);
        let page = console.get("/console/activities?year=2024").await.expect(303);
        assert_eq!(page.location.as_deref(), Some("/console/sign-in?next=%2Fconsole%2Factivities%3Fyear%3D2024"));
        let form = console.get(page.location.as_deref().unwrap()).await.expect(200);
        assert_eq!(form.input("next").as_deref(), Some("/console/activities?year=2024"));
        let signed = console
            .post("/console/sign-in", &[("csrf", &form.csrf()), ("username", "olena"), ("password", PASSWORD), ("next", "/console/activities?year=2024")])
            .await
            .expect(303);
        assert_eq!(signed.location.as_deref(), Some("/console/activities?year=2024"));
        // Only the console's own pages: never another site.
        let form = console.get("/console/sign-in").await;
        let other = Console::new(&app);
        let form2 = other.get("/console/sign-in").await;
        let away = other
            .post("/console/sign-in", &[("csrf", &form2.csrf()), ("username", "olena"), ("password", PASSWORD), ("next", "https://evil.example/")])
            .await
            .expect(303);
        assert_eq!(away.location.as_deref(), Some("/console/"));
        drop(form);
        let third = Console::new(&app);
        let form3 = third.get("/console/sign-in").await;
        let broken = third
            .post("/console/sign-in", &[("csrf", &form3.csrf()), ("username", "olena"), ("password", PASSWORD), ("next", "/console/\r\nSet-Cookie: x=1")])
            .await
            .expect(303);
        assert_eq!(broken.location.as_deref(), Some("/console/"), "a line break in the address is no address");
    }
}

db_test! {
    async fn a_sign_in_without_the_forms_token_is_refused(app) {
        account(&app.db, "olena", "editor", None).await;
        let console = Console::new(&app);
        let page = console.post("/console/sign-in", &[("username", "olena"), ("password", PASSWORD)]).await.expect(403);
        assert!(page.body.contains("Форма застаріла"));
        assert_eq!(app.count_rows("console_sessions").await, 0);
    }
}

db_test! {
    async fn signing_out_ends_the_session_on_the_server(app) {
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let start = console.get("/console/").await.expect(200);
        let cookie = console.cookie().expect("the session cookie");
        console.post("/console/sign-out", &[("csrf", "wrong")]).await.expect(403);
        assert_eq!(app.count_rows("console_sessions").await, 1, "a sign-out without the token changes nothing");
        let out = console.post("/console/sign-out", &[("csrf", &start.csrf())]).await.expect(303);
        assert_eq!(out.location.as_deref(), Some("/console/sign-in?done=signed-out"));
        assert_eq!(app.count_rows("console_sessions").await, 0);
        let stolen = Console::with_cookie(&app, &cookie);
        assert_eq!(stolen.get("/console/").await.status, 303, "the old cookie no longer opens a page");
    }
}

db_test! {
    async fn disabling_the_account_ends_its_session_at_once_on_every_replica(app) {
        let user = account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let replica = app.spawn_sibling().await;
        let there = Console::with_cookie(&replica, &console.cookie().unwrap());
        there.get("/console/").await.expect(200);
        let path = format!("/api/v1/users/{}", user.id);
        app.patch(&path, Role::Admin, &json!({"active": false})).await.expect(200);
        assert_eq!(console.get("/console/").await.status, 303);
        assert_eq!(there.get("/console/").await.status, 303);
    }
}

db_test! {
    async fn guessing_passwords_is_slowed_down_as_on_the_api(app) {
        account(&app.db, "olena", "editor", None).await;
        for _ in 0..5 {
            Console::sign_in(&app, "olena", "a wrong guess").await.1.expect(401);
        }
        let (_, page) = Console::sign_in(&app, "olena", PASSWORD).await;
        let page = page.expect(429);
        assert!(page.headers.contains_key("retry-after"));
        assert!(page.body.contains("Забагато невдалих спроб"), "{}", page.body);
    }
}

db_test! {
    async fn the_console_reads_in_english_on_request_and_unknown_pages_are_404(app) {
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let switch = console.get("/console/language/en?back=/console/activities").await.expect(303);
        assert_eq!(switch.location.as_deref(), Some("/console/activities"));
        let page = console.get("/console/activities").await.expect(200);
        assert!(page.body.contains("<html lang=\"en\"") && page.body.contains("0 activities"), "{}", page.body);
        let missing = console.get("/console/no-such-page").await.expect(404);
        assert!(missing.body.contains("There is no such page"));
        let root = Console::new(&app).get("/").await.expect(302);
        assert_eq!(root.location.as_deref(), Some("/console/"));
    }
}

db_test! {
    async fn a_form_sent_after_the_session_ended_leads_back_to_its_page_after_signing_in(app) {
        account(&app.db, "olena", "editor", None).await;
        let console = Console::new(&app);
        let page = console
            .post_from("/console/activities", &format!("{}/console/activities/new", app.base), &[("csrf", "x"), ("title_uk", "Текст")])
            .await
            .expect(303);
        assert_eq!(page.location.as_deref(), Some("/console/sign-in?next=%2Fconsole%2Factivities%2Fnew"));
        let elsewhere = console.post_from("/console/sign-out", "https://evil.example/console/x", &[("csrf", "x")]).await.expect(303);
        assert_eq!(elsewhere.location.as_deref(), Some("/console/sign-in?next=%2Fconsole%2F"));
    }
}
