//! The review step in the browser, with the keyboard alone: a unit editor signs in, opens the unit's draft from
//! the start page and submits it; a publisher reads it, returns it with a comment; the editor reads the comment.
//! Every control is reached with Tab, its focus shows, and every page passes axe-core.

use intercoop_tests::{PASSWORD, Role, account};
use reqwest::Method;
use serde_json::json;

use crate::browser::Browser;
use crate::browser_test;

const CULTURE: &str = "управління культури";

/// Signs in with the keyboard: Tab to each field, type, Enter.
async fn sign_in(browser: &Browser, username: &str) {
    browser.goto("/console/").await;
    browser.tab_to("#username").await;
    browser.type_text(username).await;
    browser.tab_to("#password").await;
    browser.type_text(PASSWORD).await;
    browser.enter().await;
    assert_eq!(browser.path().await, "/console/", "{username} is signed in");
}

async fn sign_out(browser: &Browser) {
    browser.tab_to("form[action='/console/sign-out'] button").await;
    browser.enter().await;
}

browser_test! {
    async fn a_draft_goes_to_review_and_back_with_the_keyboard_alone(app) {
        let fixture = app.programme_fixture().await;
        let body = json!({"title": {"uk": "Фестиваль у Сілістрі"}, "kind": "cultural_event", "start_date": "2024-06-29", "measure_ids": [fixture.measure("1.1")]});
        let token = format!("Bearer {}", app.unit_token(Role::Editor, CULTURE));
        let created = app.call_with_headers(Method::POST, "/api/v1/activities", &[("authorization", token.as_str())], Some(&body)).await.expect(201);
        let id = created["id"].as_str().unwrap().to_owned();
        let link = format!("main a[href='/console/activities/{id}']");
        account(&app.db, "culture", "editor", Some(CULTURE)).await;
        account(&app.db, "marta", "publisher", None).await;
        let browser = Browser::start(&app.base).await;

        sign_in(&browser, "culture").await;
        browser.tab_to(&link).await;
        browser.enter().await;
        browser.tab_to("button.step-submit").await;
        browser.enter().await;
        assert!(browser.text("p.notice").await.contains("Надіслано на перевірку"));
        browser.accessible("submitted activity").await;
        assert_eq!(app.get_as(&format!("/api/v1/activities/{id}"), Role::Viewer).await.expect(200)["publication"], "submitted");
        sign_out(&browser).await;

        sign_in(&browser, "marta").await;
        assert!(browser.text("#submitted-heading").await.contains("Чекають на перевірку"));
        browser.tab_to(&link).await;
        browser.enter().await;
        assert!(browser.body().await.contains("Запис ще не публікувався"));
        browser.accessible("activity in review").await;
        let why = "Додайте назву англійською та партнера з Сілістри.";
        browser.tab_to("#return-comment").await;
        browser.type_text(why).await;
        browser.screenshot("review").await;
        browser.tab_to("button.step-return").await;
        browser.enter().await;
        assert!(browser.text("p.notice").await.contains("Повернуто підрозділу"));
        assert_eq!(app.get_as(&format!("/api/v1/activities/{id}"), Role::Viewer).await.expect(200)["publication"], "draft");
        sign_out(&browser).await;

        sign_in(&browser, "culture").await;
        browser.tab_to(&link).await;
        browser.enter().await;
        assert!(browser.text("ol.comment-list").await.contains(why), "the unit reads why");
        browser.accessible("returned activity").await;
        browser.tab_to("#comment-comment").await;
        browser.type_text("Додали партнера.").await;
        browser.tab_to("section.comments button[type=submit]").await;
        browser.enter().await;
        assert!(browser.text("p.notice").await.contains("Коментар додано"));
        assert!(browser.text("ol.comment-list").await.contains("Додали партнера."));
        browser.close().await;
    }
}
