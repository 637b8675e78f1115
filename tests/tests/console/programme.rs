//! The programme as a tree in the console: sections and measures in order, each with its activities of the year.

use intercoop_tests::{Console, account, db_test};
use serde_json::json;

db_test! {
    async fn the_programme_tree_shows_each_measure_with_its_activities_of_the_year(app) {
        let fixture = app.programme_fixture().await;
        let body = json!({"title": {"uk": "Форум у Жешуві"}, "kind": "conference", "start_date": "2024-03-04", "measure_ids": [fixture.measure("1.2")]});
        app.create("/api/v1/activities", &body).await;
        let other_year = json!({"title": {"uk": "Захід 2023 року"}, "kind": "meeting", "start_date": "2023-03-04", "measure_ids": [fixture.measure("1.2")]});
        app.create("/api/v1/activities", &other_year).await;
        account(&app.db, "viewer", "viewer", None).await;
        let console = Console::signed_in(&app, "viewer").await;
        let page = console.get("/console/programme?year=2024").await.expect(200);
        let (i, ii) = (page.body.find("I. Міжнародне співробітництво").unwrap(), page.body.find("II. Промоція міста").unwrap());
        assert!(i < ii, "sections in order");
        let (m2, m10) = (page.body.find("<strong>1.2</strong>").unwrap(), page.body.find("<strong>1.10</strong>").unwrap());
        assert!(m2 < m10, "measures in code order");
        assert!(page.body.contains("Форум у Жешуві") && !page.body.contains("Захід 2023 року"));
        assert!(page.body.contains("(1 захід)") && page.body.contains("(0 заходів)"));
        let none = console.get("/console/programme?year=1999").await.expect(200);
        assert!(none.body.contains("role=\"alert\""));
        console.get("/console/programme?year=soon").await.expect(400);
    }
}
