//! The administration in the console: people's accounts (create, change, disable, a new password), service
//! accounts (their secret shown once, a new one, disabling) and webhooks (subscribe, pause, the delivery log),
//! each through the API's own operations.

use intercoop_tests::{Console, PASSWORD, Receiver, Role, TestApp, account, db_test, partner_body};
use reqwest::Method;
use serde_json::Value;

async fn users(app: &TestApp) -> Value {
    app.get_as("/api/v1/users", Role::Admin).await.expect(200)
}

/// The text of the element whose class is `class` (the first one).
fn text_of(body: &str, class: &str) -> String {
    let marker = format!("class=\"{class}\">");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {class} in {body}")) + marker.len();
    body[start..].split('<').next().unwrap().to_owned()
}

db_test! {
    async fn an_admin_manages_peoples_accounts(app) {
        account(&app.db, "admin", "admin", None).await;
        let admin = Console::signed_in(&app, "admin").await;
        let list = admin.get("/console/admin/accounts").await.expect(200);
        assert!(list.body.contains("/console/admin/people/new"));
        let csrf = admin.get("/console/admin/people/new").await.expect(200).csrf();
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("username", "olena"),
            ("display_name", "Олена Коваль"),
            ("email", "olena@khm.gov.ua"),
            ("role", "editor"),
            ("unit", "управління культури"),
            ("password", "short"),
        ];
        let weak = admin.post("/console/admin/people", &fields).await.expect(422);
        assert!(weak.field_error("password").is_some(), "{}", weak.body);
        assert_eq!(weak.input("display_name").as_deref(), Some("Олена Коваль"), "what was typed is kept");
        assert!(!weak.body.contains("value=\"short\""), "a password is never sent back");
        fields.retain(|(k, _)| *k != "password");
        fields.push(("password", PASSWORD));
        let created = admin.post("/console/admin/people", &fields).await.expect(303);
        let path = created.location.as_deref().unwrap().split('?').next().unwrap().to_owned();
        let stored = users(&app).await;
        let olena = stored["items"].as_array().unwrap().iter().find(|u| u["username"] == "olena").unwrap().clone();
        assert_eq!((olena["role"].as_str(), olena["unit"].as_str()), (Some("editor"), Some("управління культури")));
        let taken = admin.post("/console/admin/people", &fields).await.expect(409);
        assert_eq!(taken.field_error("username").as_deref(), Some("Таке ім'я для входу вже зайняте."));

        // She signs in; disabling her account ends her session at once.
        let olena_console = Console::signed_in(&app, "olena").await;
        olena_console.get("/console/").await.expect(200);
        let page = admin.get(&path).await.expect(200);
        let version = page.input("version").unwrap();
        let disable = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("display_name", "Олена Коваль"),
            ("email", ""),
            ("role", "publisher"),
            ("unit", ""),
        ];
        admin.post(&path, &disable).await.expect(303);
        let changed = admin.get(&path).await.expect(200);
        assert!(!changed.body.contains("name=\"active\" type=\"checkbox\" value=\"on\" checked"));
        assert_eq!(olena_console.get("/console/").await.status, 303, "a disabled account's session has ended");
        let stored = users(&app).await;
        let olena = stored["items"].as_array().unwrap().iter().find(|u| u["username"] == "olena").unwrap().clone();
        assert_eq!((olena["active"].as_bool(), olena["role"].as_str()), (Some(false), Some("publisher")));
        assert_eq!(olena["email"], Value::Null);
        let stale = admin.post(&path, &disable).await;
        assert_eq!(stale.status, 412, "a save over a newer version is refused");

        // Enabled again, with a password made up for her and shown once.
        let version = changed.input("version").unwrap();
        let enable = [("csrf", csrf.as_str()), ("version", version.as_str()), ("display_name", "Олена Коваль"), ("role", "editor"), ("active", "on")];
        admin.post(&path, &enable).await.expect(303);
        let version = admin.get(&path).await.input("version").unwrap();
        let reset = admin.post(&format!("{path}/password"), &[("csrf", csrf.as_str()), ("version", version.as_str()), ("password", "")]).await.expect(200);
        let password = text_of(&reset.body, "secret-value");
        assert!(password.chars().count() >= 12, "{password}");
        Console::sign_in(&app, "olena", PASSWORD).await.1.expect(401);
        Console::sign_in(&app, "olena", &password).await.1.expect(303);
    }
}

db_test! {
    async fn an_admin_gives_a_system_its_credentials(app) {
        account(&app.db, "admin", "admin", None).await;
        let admin = Console::signed_in(&app, "admin").await;
        let csrf = admin.get("/console/admin/services/new").await.expect(200).csrf();
        let fields = [("csrf", csrf.as_str()), ("client_id", "city-website"), ("name", "Сайт міста"), ("role", "viewer"), ("scopes", "activities\nreports")];
        let created = admin.post("/console/admin/services", &fields).await.expect(200);
        let secret = text_of(&created.body, "secret-value");
        let token = |secret: String| {
            let form = format!("grant_type=client_credentials&client_id=city-website&client_secret={secret}");
            app.call_raw(Method::POST, "/api/v1/auth/token", None, "application/x-www-form-urlencoded", form.into_bytes())
        };
        token(secret.clone()).await.expect(200);
        admin.post("/console/admin/services", &fields).await.expect(409);

        let listed = app.get_as("/api/v1/service-accounts", Role::Admin).await.expect(200);
        let id = listed["items"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(listed["items"][0]["scopes"], serde_json::json!(["activities", "reports"]));
        let path = format!("/console/admin/services/{id}");
        let version = admin.get(&path).await.expect(200).input("version").unwrap();
        let rotated = admin.post(&format!("{path}/secret"), &[("csrf", csrf.as_str()), ("version", version.as_str())]).await.expect(200);
        let new_secret = text_of(&rotated.body, "secret-value");
        assert_ne!(new_secret, secret);
        token(secret).await.expect(401);
        token(new_secret.clone()).await.expect(200);
        let version = rotated.input("version").unwrap();
        let disable = [("csrf", csrf.as_str()), ("version", version.as_str()), ("name", "Сайт міста"), ("role", "viewer"), ("scopes", "")];
        admin.post(&path, &disable).await.expect(303);
        token(new_secret).await.expect(401);
    }
}

db_test! {
    async fn an_admin_subscribes_a_webhook_and_reads_its_deliveries(app) {
        account(&app.db, "admin", "admin", None).await;
        let admin = Console::signed_in(&app, "admin").await;
        let csrf = admin.get("/console/admin/webhooks/new").await.expect(200).csrf();
        let outside = [("csrf", csrf.as_str()), ("url", "http://169.254.169.254/latest/meta-data/"), ("event_types", "*")];
        let refused = admin.post("/console/admin/webhooks", &outside).await.expect(422);
        assert!(refused.field_error("url").unwrap().contains("не можна"), "{}", refused.body);
        assert_eq!(refused.input("url").as_deref(), Some("http://169.254.169.254/latest/meta-data/"));
        assert_eq!(app.count_rows("webhook_subscriptions").await, 0);

        let receiver = Receiver::start("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").await;
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let mut fields = vec![("csrf", csrf.as_str()), ("url", receiver.url.as_str()), ("event_types", "partner.*\nnothing.at-all"), ("description", "Сайт міста"), ("active", "on"), ("secret", secret)];
        let refused = admin.post("/console/admin/webhooks", &fields).await.expect(422);
        assert!(refused.field_error("event_types").is_some(), "{}", refused.body);
        fields[2] = ("event_types", "partner.*");
        let created = admin.post("/console/admin/webhooks", &fields).await.expect(200);
        assert_eq!(text_of(&created.body, "secret-value"), secret);
        let subscriptions = app.get_as("/api/v1/webhooks", Role::Admin).await.expect(200);
        let id = subscriptions["items"][0]["id"].as_str().unwrap().to_owned();

        app.create("/api/v1/partners", &partner_body(1)).await;
        assert_eq!(receiver.wait_for(1).await.len(), 1);
        let path = format!("/console/admin/webhooks/{id}");
        let mut log = admin.get(&path).await.expect(200);
        for _ in 0..100 {
            if log.body.contains("доставлено") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            log = admin.get(&path).await.expect(200);
        }
        assert!(log.body.contains("partner.created") && log.body.contains("доставлено"), "{}", log.body);

        let version = log.input("version").unwrap();
        let pause = [("csrf", csrf.as_str()), ("version", version.as_str()), ("url", receiver.url.as_str()), ("event_types", "partner.*")];
        admin.post(&path, &pause).await.expect(303);
        let stored = app.get_as(&format!("/api/v1/webhooks/{id}"), Role::Admin).await.expect(200);
        assert_eq!(stored["active"], false);
        assert!(admin.get("/console/admin/webhooks").await.body.contains("призупинено"));
    }
}

db_test! {
    async fn an_admin_changes_the_programmes_structure(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "admin", "admin", None).await;
        account(&app.db, "olena", "editor", None).await;
        let admin = Console::signed_in(&app, "admin").await;
        let tree = admin.get("/console/programme?year=2024").await.expect(200);
        let measure = fixture.measure("1.3");
        assert!(tree.body.contains(&format!("/console/admin/measures/{measure}\"")), "an admin may change a measure");
        assert!(!Console::signed_in(&app, "olena").await.get("/console/programme?year=2024").await.body.contains("/console/admin/"));

        let path = format!("/console/admin/measures/{measure}");
        let page = admin.get(&path).await.expect(200);
        let (csrf, version) = (page.csrf(), page.input("version").unwrap());
        let before = app.get(&format!("/api/v1/measures/{measure}")).await.expect(200);
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("section_id", fixture.section_i.as_str()),
            ("number", "1.3"),
            ("title_uk", "Участь у міжнародних форумах"),
            ("title_en", "Taking part in international forums"),
            ("units", "управління економіки\nуправління культури"),
        ];
        admin.post(&path, &fields).await.expect(303);
        let after = app.get(&format!("/api/v1/measures/{measure}")).await.expect(200);
        assert_eq!(after["title"]["en"], "Taking part in international forums");
        assert_eq!(after["responsible_units"].as_array().unwrap().len(), 2);
        assert_eq!(after["funding"], before["funding"], "the planned funding is kept");
        admin.post(&path, &fields).await.expect(412);

        let csrf = admin.get(&format!("/console/admin/measures/new?section={}", fixture.section_ii)).await.expect(200).csrf();
        let new = [("csrf", csrf.as_str()), ("section_id", fixture.section_ii.as_str()), ("number", "2.9"), ("title_uk", "Новий захід"), ("title_en", ""), ("units", "")];
        admin.post("/console/admin/measures", &new).await.expect(303);
        assert!(admin.get("/console/programme?year=2024").await.body.contains("Новий захід"));

        let sections = format!("/console/admin/programmes/{}/sections", fixture.programme_id);
        let csrf = admin.get(&format!("{sections}/new")).await.expect(200).csrf();
        let bad = admin.post(&sections, &[("csrf", csrf.as_str()), ("number", "3"), ("title_uk", "Третій")]).await.expect(422);
        assert!(bad.field_error("number").unwrap().contains("римськими"), "{}", bad.body);
        admin.post(&sections, &[("csrf", csrf.as_str()), ("number", "III"), ("title_uk", "Співпраця з донорами")]).await.expect(303);
        assert!(admin.get("/console/programme?year=2024").await.body.contains("III. Співпраця з донорами"));
        Console::signed_in(&app, "olena").await.get(&format!("{sections}/new")).await.expect(403);
    }
}
