//! The review step in the console: a unit editor submits a draft, a publisher reads what changed since the last
//! publication and publishes it or returns it with a comment the unit reads; a refused return keeps the comment.

use intercoop_tests::{Console, Role, TestApp, account, db_test};
use reqwest::Method;
use serde_json::{Value, json};

const CULTURE: &str = "управління культури";

async fn activity(app: &TestApp, id: &str) -> Value {
    app.get_as(&format!("/api/v1/activities/{id}"), Role::Admin).await.expect(200)
}

async fn unit_draft(app: &TestApp) -> String {
    let fixture = app.programme_fixture().await;
    let body = json!({"title": {"uk": "Фестиваль у Сілістрі"}, "kind": "cultural_event", "start_date": "2024-06-29", "measure_ids": [fixture.measure("1.1")]});
    let token = format!("Bearer {}", app.unit_token(Role::Editor, CULTURE));
    let created = app
        .call_with_headers(Method::POST, "/api/v1/activities", &[("authorization", token.as_str())], Some(&body))
        .await
        .expect(201);
    created["id"].as_str().unwrap().to_owned()
}

db_test! {
    async fn an_editor_submits_and_a_publisher_returns_it_with_a_comment(app) {
        let id = unit_draft(&app).await;
        let path = format!("/console/activities/{id}");
        account(&app.db, "culture", "editor", Some(CULTURE)).await;
        account(&app.db, "publisher", "publisher", None).await;
        let editor = Console::signed_in(&app, "culture").await;
        let page = editor.get(&path).await.expect(200);
        assert!(page.body.contains(&format!("{path}/submit\"")), "the unit's editor may submit its draft");
        assert!(!page.body.contains("/return\"") && !page.body.contains("/publish\""));
        let done = editor.post(&format!("{path}/submit"), &[("csrf", &page.csrf()), ("version", "1")]).await.expect(303);
        assert!(done.location.as_deref().unwrap().ends_with("?done=submit"));
        assert_eq!(activity(&app, &id).await["publication"], "submitted");
        let locked = editor.get(done.location.as_deref().unwrap()).await.expect(200);
        assert!(locked.body.contains("Надіслано на перевірку."));
        assert!(locked.body.contains("<fieldset class=\"plain\" disabled>"), "a submitted record is the publishers'");

        let publisher = Console::signed_in(&app, "publisher").await;
        let start = publisher.get("/console/").await.expect(200);
        assert!(start.body.contains("Чекають на перевірку") && start.body.contains("Фестиваль у Сілістрі"));
        let review = publisher.get(&path).await.expect(200);
        assert!(review.body.contains("Запис ще не публікувався"));
        assert!(review.body.contains(&format!("{path}/publish\"")) && review.body.contains(&format!("{path}/return\"")));
        let csrf = review.csrf();

        // A return without a comment, or with one too long, is refused beside the comment, which is kept.
        let refused = publisher.post(&format!("{path}/return"), &[("csrf", &csrf), ("version", "2"), ("comment", "  ")]).await.expect(422);
        assert_eq!(refused.field_error("return-comment").as_deref(), Some("Напишіть коментар: що саме виправити."));
        let long = format!("Додайте партнера. {}", "я".repeat(4000));
        let refused = publisher.post(&format!("{path}/return"), &[("csrf", &csrf), ("version", "2"), ("comment", &long)]).await.expect(422);
        assert!(refused.field_error("return-comment").unwrap().contains("4000"));
        assert!(refused.body.contains(&long), "what was typed is kept");
        publisher.post(&format!("{path}/return"), &[("version", "2"), ("comment", "Без токена")]).await.expect(403);
        assert_eq!(activity(&app, &id).await["publication"], "submitted");
        assert_eq!(app.count_rows("record_comments").await, 0);

        let why = "Додайте назву англійською та партнера з Сілістри.";
        let done = publisher.post(&format!("{path}/return"), &[("csrf", &csrf), ("version", "2"), ("comment", why)]).await.expect(303);
        assert!(done.location.as_deref().unwrap().ends_with("?done=return"));
        assert_eq!(activity(&app, &id).await["publication"], "draft");

        // The unit reads why on the record's page and answers with a note.
        let returned = editor.get(&path).await.expect(200);
        let callout = returned.body.split("id=\"returned-heading\"").nth(1).expect("why it came back, above the form");
        assert!(callout.find(why).unwrap() < callout.find("class=\"record\"").unwrap(), "the comment stands above the form");
        assert!(!returned.body.contains("<fieldset class=\"plain\" disabled>"), "a returned draft is the unit's again");
        let note = "Додали партнера.";
        let done = editor.post(&format!("{path}/comment"), &[("csrf", &returned.csrf()), ("comment", note)]).await.expect(303);
        assert!(done.location.as_deref().unwrap().ends_with("?done=comment"));
        let comments = app.get_as(&format!("/api/v1/activities/{id}/comments"), Role::Viewer).await.expect(200);
        let texts: Vec<&str> = comments["items"].as_array().unwrap().iter().map(|c| c["comment"].as_str().unwrap()).collect();
        assert_eq!(texts, [why, note]);
        assert_eq!(comments["items"][1]["author"], "culture");
        let blank = editor.post(&format!("{path}/comment"), &[("csrf", &returned.csrf()), ("comment", "")]).await.expect(422);
        assert!(blank.field_error("comment-comment").is_some());
    }
}

db_test! {
    async fn a_publisher_sees_what_changed_since_the_last_publication(app) {
        let id = unit_draft(&app).await;
        let api = format!("/api/v1/activities/{id}");
        for step in ["publish", "withdraw", "reopen"] {
            app.call(Method::POST, &format!("{api}/{step}"), Some(Role::Publisher), None).await.expect(200);
        }
        app.patch(&api, Role::Editor, &json!({"title": {"uk": "Фестиваль «Завтрашній мир»"}})).await.expect(200);
        app.call(Method::POST, &format!("{api}/submit"), Some(Role::Editor), None).await.expect(200);
        account(&app.db, "publisher", "publisher", None).await;
        let publisher = Console::signed_in(&app, "publisher").await;
        let review = publisher.get(&format!("/console/activities/{id}")).await.expect(200);
        let changes = review.body.split("review-heading").nth(2).expect("the review section");
        let changes = changes.split("</section>").next().unwrap().to_owned();
        let (heading, form) = (review.body.find("review-heading").unwrap(), review.body.find("class=\"record\"").unwrap());
        assert!(heading < form, "a reviewer reads the changes first");
        assert!(changes.contains("<th scope=\"row\">Назва</th>"), "{changes}");
        assert!(changes.contains("Фестиваль у Сілістрі") && changes.contains("Фестиваль «Завтрашній мир»"));
        assert!(!changes.contains("Вид"), "fields that did not change are not listed");
    }
}
