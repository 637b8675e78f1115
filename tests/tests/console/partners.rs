//! Partners in the console: the list and its search, the form with its errors beside the fields, and publishing
//! a partner that an activity's form created as a draft.

use intercoop_tests::{Console, Role, account, db_test};

db_test! {
    async fn an_editor_adds_a_partner_and_a_publisher_publishes_it(app) {
        account(&app.db, "olena", "editor", Some("управління економіки")).await;
        account(&app.db, "marta", "publisher", None).await;
        let olena = Console::signed_in(&app, "olena").await;
        let form = olena.get("/console/partners/new").await.expect(200);
        let csrf = form.csrf();
        let bad = [("csrf", csrf.as_str()), ("name_uk", " "), ("kind", "twin_city"), ("latitude", "north"), ("longitude", "21.99"), ("aliases", "Rzeszów")];
        let page = olena.post("/console/partners", &bad).await.expect(422);
        assert_eq!(page.field_error("name_uk").as_deref(), Some("Це поле не може бути порожнім."));
        assert_eq!(page.field_error("latitude").as_deref(), Some("Це не число."));
        assert_eq!(page.input("longitude").as_deref(), Some("21.99"), "what was typed is kept");
        assert_eq!(app.count_rows("partners").await, 0);
        let good = [("csrf", csrf.as_str()), ("name_uk", "Місто Жешув"), ("name_en", "City of Rzeszów"), ("kind", "twin_city"), ("country", "pl"), ("latitude", "50,04"), ("longitude", "21.99"), ("aliases", "Rzeszów\nЖешув")];
        let saved = olena.post("/console/partners", &good).await.expect(303);
        let path = saved.location.as_deref().unwrap().split('?').next().unwrap().to_owned();
        let id = path.trim_start_matches("/console/partners/");
        let stored = app.get_as(&format!("/api/v1/partners/{id}"), Role::Admin).await.expect(200);
        assert_eq!(stored["aliases"], serde_json::json!(["Rzeszów", "Жешув"]));
        assert_eq!(stored["coordinates"]["latitude"], 50.04);
        assert_eq!(stored["owner_unit"], "управління економіки");
        assert_eq!(stored["publication"], "draft");

        let found = olena.get("/console/partners?q=rzesz").await.expect(200);
        assert!(found.body.contains("1 партнер") && found.body.contains("Місто Жешув"), "found by its alias");

        let marta = Console::signed_in(&app, "marta").await;
        let page = marta.get(&path).await.expect(200);
        marta.post(&format!("{path}/publish"), &[("csrf", &page.csrf()), ("version", "1")]).await.expect(303);
        let stored = app.get_as(&format!("/api/v1/partners/{id}"), Role::Admin).await.expect(200);
        assert_eq!(stored["publication"], "published");
        let published = olena.get(&path).await.expect(200);
        assert!(published.body.contains("<fieldset class=\"plain\" disabled>"), "a published partner needs the publisher");
    }
}
