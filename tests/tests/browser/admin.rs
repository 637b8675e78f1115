//! The administration's pages in the browser: an admin opens each and axe-core finds nothing against WCAG 2.1 AA;
//! a new person's account is made from the form.

use intercoop_tests::{PASSWORD, Role, account};

use crate::browser::Browser;
use crate::browser_test;

browser_test! {
    async fn the_administration_pages_are_accessible(app) {
        account(&app.db, "admin", "admin", None).await;
        app.post("/api/v1/webhooks", Role::Admin, &serde_json::json!({"url": "http://127.0.0.1:9/hook", "event_types": ["*"], "active": false})).await.expect(201);
        let browser = Browser::start(&app.base).await;
        browser.goto("/console/sign-in").await;
        browser.fill("username", "admin").await;
        browser.fill("password", PASSWORD).await;
        browser.click("form.narrow button[type=submit]").await;
        browser.click("nav a[href='/console/admin/accounts']").await;
        browser.accessible("accounts").await;
        browser.click("main a.button[href='/console/admin/people/new']").await;
        browser.accessible("new person").await;
        browser.fill("username", "olena").await;
        browser.fill("display_name", "Олена Коваль").await;
        browser.fill("unit", "управління культури").await;
        browser.fill("password", "short").await;
        browser.click("form.record button[type=submit]").await;
        assert!(browser.text("#password-error").await.contains("12"), "the weak password is named beside its field");
        browser.accessible("refused person").await;
        browser.fill("password", PASSWORD).await;
        browser.click("form.record button[type=submit]").await;
        assert!(browser.text("p.notice").await.contains("Збережено"));
        browser.accessible("person").await;
        browser.screenshot("account").await;
        browser.goto("/console/admin/services/new").await;
        browser.accessible("new service account").await;
        browser.goto("/console/admin/webhooks").await;
        browser.accessible("webhooks").await;
        browser.click("main table a").await;
        browser.accessible("webhook").await;
        browser.goto("/console/admin/webhooks/new").await;
        browser.accessible("new webhook").await;
        browser.goto("/console/admin/measures/new").await;
        browser.accessible("new measure").await;
        let users = app.get_as("/api/v1/users", Role::Admin).await.expect(200);
        assert!(users["items"].as_array().unwrap().iter().any(|u| u["username"] == "olena" && u["unit"] == "управління культури"));
        browser.close().await;
    }
}
