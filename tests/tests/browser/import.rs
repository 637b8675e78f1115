//! An editor imports the 2024 reference report through the console's wizard, in the browser: upload, read the
//! proposal, apply it; every page passes axe-core.

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{PASSWORD, account};

use crate::browser::Browser;
use crate::browser_test;

browser_test! {
    async fn an_editor_imports_the_reference_report_through_the_wizard(app) {
        let mut dataset: serde_json::Value = serde_json::from_str(KHMELNYTSKYI_2024).unwrap();
        for key in ["activities", "grants", "agreements"] {
            dataset[key] = serde_json::json!([]);
        }
        seed::load(&app.db, &dataset.to_string()).await.unwrap();
        account(&app.db, "olena", "editor", None).await;
        let browser = Browser::start(&app.base).await;
        browser.goto("/console/sign-in").await;
        browser.fill("username", "olena").await;
        browser.fill("password", PASSWORD).await;
        browser.click("form.narrow button[type=submit]").await;

        browser.click("nav a[href='/console/imports']").await;
        browser.accessible("imports").await;
        browser.fill("year", "2024").await;
        let report = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/programme-report-2024.uk.txt");
        let file = browser.client.find(fantoccini::Locator::Id("file")).await.unwrap();
        file.send_keys(&report.canonicalize().unwrap().display().to_string()).await.unwrap();
        browser.click("main form button[type=submit]").await;
        assert!(browser.path().await.starts_with("/console/imports/"), "the proposal: {}", browser.body().await);
        assert!(browser.body().await.contains("нова чернетка"));
        browser.accessible("import proposal").await;
        browser.screenshot("import").await;
        browser.click("button.import-apply").await;
        assert!(browser.text("p.notice").await.contains("Імпорт застосовано"));
        let drafts = app.count_rows("activities").await;
        assert!(drafts >= 60, "the report's activities are drafts: {drafts}");
        browser.goto("/console/activities?state=draft").await;
        assert!(browser.body().await.contains(&format!("{drafts} заход")), "the drafts are listed");
        browser.close().await;
    }
}
