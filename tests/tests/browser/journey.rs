//! A publisher's day in the console, in the browser: sign in, record an activity under two measures with a new
//! partner, publish it and the partner, read its history, find it in the report's preview, and download the report
//! as Word; the grants' and agreements' pages too pass axe-core, as every page does, and the console fits a
//! phone's width.

use intercoop_tests::{PASSWORD, Role, account, partner_body};
use serde_json::json;

use crate::browser::Browser;
use crate::browser_test;

browser_test! {
    async fn a_publisher_records_publishes_and_files_the_report(app) {
        let fixture = app.programme_fixture().await;
        app.create_published("/api/v1/partners", &partner_body(1)).await;
        account(&app.db, "marta", "publisher", None).await;
        let browser = Browser::start(&app.base).await;

        browser.goto("/console/").await;
        assert!(browser.path().await.starts_with("/console/sign-in"), "a page without a session asks to sign in");
        browser.accessible("sign-in").await;
        browser.screenshot("sign-in").await;
        browser.fill("username", "marta").await;
        browser.fill("password", PASSWORD).await;
        browser.click("form.narrow button[type=submit]").await;
        assert_eq!(browser.path().await, "/console/");
        assert!(browser.text("h1").await.contains("Головна"));
        browser.accessible("start").await;
        browser.screenshot("start").await;

        browser.click("main a.button[href='/console/activities/new']").await;
        assert_eq!(browser.path().await, "/console/activities/new");
        browser.fill("title_uk", "Робоча зустріч з делегацією міста Жешув").await;
        browser.fill("description_uk", "Відбулася робоча зустріч з делегацією міста Жешув щодо співпраці у сфері туризму.").await;
        browser.set_value("start_date", "2024-03-04").await;
        browser.set_value("end_date", "2024-03-05").await;
        browser.tick(&format!("#m-{}", fixture.measure("1.1"))).await;
        browser.tick(&format!("#m-{}", fixture.measure("2.2"))).await;
        browser.fill("new_partner_uk", "Місто Жешув").await;
        browser.set_value("new_partner_kind", "twin_city").await;
        browser.fill("new_partner_country", "PL").await;
        browser.accessible("new activity").await;
        browser.screenshot("activity-form").await;
        browser.click("form.record button[type=submit]").await;
        assert!(browser.path().await.ends_with("?done=saved"), "saved: {}", browser.body().await);
        assert!(browser.text("p.notice").await.contains("Збережено"));
        browser.accessible("saved activity").await;
        let id = browser.path().await.trim_start_matches("/console/activities/").split('?').next().unwrap().to_owned();

        browser.click("button.step-publish").await;
        assert!(browser.text("p.notice").await.contains("Опубліковано"));
        let stored = app.get_as(&format!("/api/v1/activities/{id}"), Role::Admin).await.expect(200);
        assert_eq!(stored["publication"], "published");
        assert_eq!(stored["measure_ids"].as_array().unwrap().len(), 2);
        let partner = stored["partners"][0]["partner_id"].as_str().unwrap();
        let partner = app.get_as(&format!("/api/v1/partners/{partner}"), Role::Admin).await.expect(200);
        assert_eq!(partner["name"]["uk"], "Місто Жешув");

        browser.goto(&format!("/console/activities/{id}/history")).await;
        assert!(browser.body().await.contains("опубліковано"), "the history shows the publishing");
        browser.accessible("history").await;

        browser.goto("/console/partners?q=%D0%B6%D0%B5%D1%88%D1%83%D0%B2").await;
        browser.accessible("partners").await;
        browser.click("main table a").await;
        browser.accessible("partner").await;
        browser.click("button.step-publish").await;
        assert!(browser.text("p.notice").await.contains("Опубліковано"), "the new partner is published too");

        browser.goto("/console/report?year=2024").await;
        browser.accessible("report").await;
        browser.screenshot("report").await;
        browser.click("a[href='/console/report/2024/preview']").await;
        assert!(browser.body().await.contains("співпраці у сфері туризму"), "the preview holds the published activity");
        browser.goto("/console/report?year=2024").await;
        let (status, content_type, start) = browser.fetch("/console/report/2024/download/docx?lang=uk").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assert!(start.starts_with("PK"), "a DOCX is a zip");

        for (page, name) in [
            ("/console/programme?year=2024", "programme"),
            ("/console/activities", "activities"),
            ("/console/partners/new", "new partner"),
            ("/console/report/2024/preview", "report preview"),
            ("/console/grants", "grants"),
            ("/console/grants/new", "new grant"),
            ("/console/agreements", "agreements"),
            ("/console/agreements/new", "new agreement"),
        ] {
            browser.goto(page).await;
            browser.accessible(name).await;
            browser.screenshot(&name.replace(' ', "-")).await;
        }

        browser.client.set_window_size(390, 844).await.unwrap();
        browser.goto("/console/activities").await;
        browser.accessible("activities on a phone").await;
        let fits = browser
            .client
            .execute("return document.documentElement.scrollWidth <= window.innerWidth + 1;", vec![])
            .await
            .unwrap();
        assert_eq!(fits, json!(true), "the list fits a phone's width");
        browser.screenshot("activities-phone").await;
        browser.close().await;
    }
}
