//! A record's history in the console: who changed what, before and after, and putting back the fields one change
//! touched, as a new audited change under the version rule.

use intercoop_tests::{Console, Role, account, db_test, partner_body};
use serde_json::json;

db_test! {
    async fn the_history_shows_each_change_and_restores_an_earlier_title(app) {
        let partner = app.create("/api/v1/partners", &partner_body(1)).await;
        let id = partner["id"].as_str().unwrap();
        let api = format!("/api/v1/partners/{id}");
        app.patch(&api, Role::Editor, &json!({"name": {"uk": "Нова назва", "en": "New name"}})).await.expect(200);
        account(&app.db, "olena", "editor", None).await;
        account(&app.db, "viewer", "viewer", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let path = format!("/console/partners/{id}/history");
        let page = console.get(&path).await.expect(200);
        assert!(page.body.contains("Нова назва") && page.body.contains("Партнер 1"), "before and after are shown");
        assert!(page.body.contains("змінено") && page.body.contains("створено"));
        let restore = page.body.split("action=\"").filter_map(|s| s.split('"').next()).find(|a| a.ends_with("/restore")).expect("a restore button").to_owned();

        let viewer = Console::signed_in(&app, "viewer").await;
        let seen = viewer.get(&path).await.expect(200);
        assert!(!seen.body.contains("/restore\""), "no button a viewer may not use");
        viewer.post(&restore, &[("csrf", &seen.csrf()), ("version", "2")]).await.expect(403);

        console.post(&restore, &[("csrf", &page.csrf()), ("version", "1")]).await.expect(412);
        let done = console.post(&restore, &[("csrf", &page.csrf()), ("version", "2")]).await.expect(303);
        assert_eq!(done.location.as_deref(), Some(format!("{path}?done=restored").as_str()));
        let stored = app.get_as(&api, Role::Admin).await.expect(200);
        assert_eq!(stored["name"]["uk"], "Партнер 1");
        assert_eq!(stored["name"]["en"], "Partner 1");
        assert_eq!(stored["version"], 3, "a restore is a new change");
        let history = app.get_as(&format!("{api}/history"), Role::Admin).await.expect(200);
        let last = history["items"].as_array().or(history.as_array()).unwrap().last().unwrap().clone();
        assert_eq!(last["actor"], "olena");
        console.get(&format!("/console/grants/{id}/history")).await.expect(404);
        let again = console.get(&path).await.expect(200);
        let created = history["items"].as_array().or(history.as_array()).unwrap()[0]["id"].as_str().unwrap().to_owned();
        let crafted = format!("/console/partners/{id}/history/{created}/restore");
        console.post(&crafted, &[("csrf", &again.csrf()), ("version", "3")]).await.expect(409);
        assert_eq!(app.get_as(&api, Role::Admin).await.expect(200)["version"], 3, "nothing changed");
    }
}
