//! Recording and changing activities in the console: the form, its errors beside the fields (from the API's own
//! checks), the version that keeps two people from overwriting each other, roles and units, and publishing.

use intercoop_tests::{Console, Role, TestApp, account, db_test, partner_body};
use serde_json::Value;

/// The fields of a complete activity form.
fn form<'a>(csrf: &'a str, measures: &[&'a str], partner: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("title_uk", "Робоча зустріч з делегацією Жешува"),
        ("title_en", "Working meeting with the Rzeszów delegation"),
        ("description_uk", "04-05 березня 2024 року відбулася робоча зустріч з делегацією міста Жешув."),
        ("kind", "delegation_received"),
        ("start_date", "2024-03-04"),
        ("end_date", "2024-03-05"),
        ("date_precision", "day"),
        ("additional_dates", "2024-07-16"),
        ("format", "in_person"),
        ("status", "done"),
        ("city_uk", "Хмельницький"),
        ("country", "ua"),
        ("participants", "Міський голова, заступники"),
    ];
    fields.extend(measures.iter().map(|m| ("measure_ids", *m)));
    if let Some(partner) = partner {
        fields.push(("partner_ids", partner));
    }
    fields
}

async fn activity(app: &TestApp, id: &str) -> Value {
    app.get_as(&format!("/api/v1/activities/{id}"), Role::Admin).await.expect(200)
}

fn id_of(location: &str) -> String {
    location.trim_start_matches("/console/activities/").split('?').next().unwrap().to_owned()
}

db_test! {
    async fn an_editor_records_an_activity_with_two_measures_and_a_partner(app) {
        let fixture = app.programme_fixture().await;
        let partner = app.create("/api/v1/partners", &partner_body(1)).await;
        let partner_id = partner["id"].as_str().unwrap();
        account(&app.db, "olena", "editor", Some("управління культури")).await;
        let console = Console::signed_in(&app, "olena").await;
        let new = console.get("/console/activities/new").await.expect(200);
        assert!(new.choices("measure_ids").contains(&fixture.measure("1.1").to_owned()));
        assert!(new.choices("partner_ids").contains(&partner_id.to_owned()));
        assert_eq!(new.input("owner_unit").as_deref(), Some("управління культури"));
        let csrf = new.csrf();
        let mut fields = form(&csrf, &[fixture.measure("1.1"), fixture.measure("2.2")], Some(partner_id));
        let role = format!("{partner_id}:host");
        fields.push(("partner_roles", &role));
        let saved = console.post("/console/activities", &fields).await.expect(303);
        let id = id_of(saved.location.as_deref().unwrap());
        let stored = activity(&app, &id).await;
        assert_eq!(stored["title"]["uk"], "Робоча зустріч з делегацією Жешува");
        assert_eq!(stored["measure_ids"].as_array().unwrap().len(), 2);
        assert_eq!(stored["partners"][0]["role"], "host");
        assert_eq!(stored["additional_dates"][0]["start_date"], "2024-07-16");
        assert_eq!(stored["place"]["country"], "UA");
        assert_eq!(stored["owner_unit"], "управління культури");
        assert_eq!(stored["publication"], "draft");
        let audit = app.get_as(&format!("/api/v1/audit?record_id={id}"), Role::Admin).await.expect(200);
        assert_eq!(audit["items"][0]["actor"], "olena");
        let page = console.get(saved.location.as_deref().unwrap()).await.expect(200);
        assert!(page.body.contains("Збережено."));
        assert_eq!(page.input("version").as_deref(), Some("1"));
    }
}

db_test! {
    async fn a_refused_save_names_each_mistake_beside_its_field_and_keeps_what_was_typed(app) {
        app.programme_fixture().await;
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/activities/new").await.csrf();
        let fields = [
            ("csrf", csrf.as_str()),
            ("title_uk", "   "),
            ("kind", "meeting"),
            ("start_date", "2024-03-05"),
            ("end_date", "2024-03-04"),
            ("date_precision", "day"),
            ("format", "in_person"),
            ("status", "done"),
            ("participants", "Текст, який не можна втратити"),
            ("links", "not a link"),
        ];
        let page = console.post("/console/activities", &fields).await.expect(422);
        assert_eq!(page.field_error("title_uk").as_deref(), Some("Це поле не може бути порожнім."));
        assert_eq!(page.field_error("end_date").as_deref(), Some("Останній день раніше за перший."));
        assert_eq!(page.field_error("measure_ids").as_deref(), Some("Оберіть принаймні один захід програми (і не більше 50)."));
        assert!(page.field_error("links").is_some());
        assert!(page.body.contains("Текст, який не можна втратити"), "what was typed is kept");
        assert!(page.body.contains("aria-invalid=\"true\" aria-describedby=\"title_uk-error\""));
        assert_eq!(app.count_rows("activities").await, 0);
        let unreadable = [("csrf", csrf.as_str()), ("title_uk", "Зустріч"), ("start_date", "4 березня"), ("kind", "meeting"), ("date_precision", "day"), ("format", "in_person"), ("status", "done")];
        let page = console.post("/console/activities", &unreadable).await.expect(422);
        assert_eq!(page.field_error("start_date").as_deref(), Some("Це не дата; введіть її як РРРР-ММ-ДД."));
        assert!(page.field_error("measure_ids").is_some(), "the other mistakes are named in the same answer");
        assert_eq!(page.input("start_date").as_deref(), Some("4 березня"));
    }
}

db_test! {
    async fn a_form_without_its_token_changes_nothing(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let page = console.post("/console/activities", &form("", &[fixture.measure("1.1")], None)).await.expect(403);
        assert!(page.body.contains("Форма застаріла"));
        console.post("/console/activities", &form("forged", &[fixture.measure("1.1")], None)).await.expect(403);
        assert_eq!(app.count_rows("activities").await, 0);
    }
}

db_test! {
    async fn a_save_over_someone_elses_change_shows_both_and_asks(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/activities/new").await.csrf();
        let saved = console.post("/console/activities", &form(&csrf, &[fixture.measure("1.1")], None)).await.expect(303);
        let id = id_of(saved.location.as_deref().unwrap());
        let path = format!("/console/activities/{id}");
        let opened = console.get(&path).await.expect(200);
        let patch = serde_json::json!({"title": {"uk": "Назва, яку змінив колега"}});
        app.patch(&format!("/api/v1/activities/{id}"), Role::Editor, &patch).await.expect(200);
        let mut mine = form(&csrf, &[fixture.measure("1.1")], None);
        mine.retain(|(k, _)| *k != "title_uk");
        mine.push(("title_uk", "Моя назва"));
        mine.push(("version", "1"));
        let page = console.post(&path, &mine).await.expect(412);
        assert!(page.body.contains("Назва, яку змінив колега"), "what is stored now is shown");
        assert_eq!(page.input("title_uk").as_deref(), Some("Моя назва"), "what was typed is kept");
        assert_eq!(page.input("version").as_deref(), Some("2"), "saving again names the version now seen");
        assert_eq!(activity(&app, &id).await["title"]["uk"], "Назва, яку змінив колега");
        drop(opened);
        let mut again = mine.clone();
        again.retain(|(k, _)| *k != "version");
        again.push(("version", "2"));
        console.post(&path, &again).await.expect(303);
        assert_eq!(activity(&app, &id).await["title"]["uk"], "Моя назва");
    }
}

db_test! {
    async fn roles_and_units_apply_as_on_the_api(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "viewer", "viewer", None).await;
        account(&app.db, "culture", "editor", Some("управління культури")).await;
        account(&app.db, "sport", "editor", Some("управління спорту")).await;
        account(&app.db, "publisher", "publisher", None).await;
        let viewer = Console::signed_in(&app, "viewer").await;
        let list = viewer.get("/console/activities").await.expect(200);
        assert!(!list.body.contains("/console/activities/new"), "no button a viewer may not use");
        viewer.get("/console/activities/new").await.expect(403);
        let csrf = list.csrf();
        viewer.post("/console/activities", &form(&csrf, &[fixture.measure("1.1")], None)).await.expect(403);

        let culture = Console::signed_in(&app, "culture").await;
        let csrf = culture.get("/console/activities/new").await.csrf();
        let saved = culture.post("/console/activities", &form(&csrf, &[fixture.measure("1.1")], None)).await.expect(303);
        let path = saved.location.as_deref().unwrap().split('?').next().unwrap().to_owned();
        let own = culture.get(&path).await.expect(200);
        assert!(!own.body.contains("/publish\""), "an editor is offered no workflow step");
        culture.post(&format!("{path}/publish"), &[("csrf", &csrf), ("version", "1")]).await.expect(403);

        let sport = Console::signed_in(&app, "sport").await;
        let theirs = sport.get(&path).await.expect(200);
        assert!(theirs.body.contains("<fieldset class=\"plain\" disabled>"), "another unit's record is read-only");
        let sport_csrf = theirs.csrf();
        let mut fields = form(&sport_csrf, &[fixture.measure("1.1")], None);
        fields.push(("version", "1"));
        fields.retain(|(k, _)| *k != "title_uk");
        fields.push(("title_uk", "Чужа зміна"));
        let refused = sport.post(&path, &fields).await.expect(403);
        assert!(refused.input("title_uk").as_deref() == Some("Чужа зміна"), "what was typed is kept");
        let id = id_of(&path);
        assert_eq!(activity(&app, &id).await["title"]["uk"], "Робоча зустріч з делегацією Жешува");

        let publisher = Console::signed_in(&app, "publisher").await;
        let page = publisher.get(&path).await.expect(200);
        assert!(page.body.contains(&format!("{path}/publish\"")));
        let done = publisher.post(&format!("{path}/publish"), &[("csrf", &page.csrf()), ("version", "1")]).await.expect(303);
        assert!(done.location.as_deref().unwrap().ends_with("?done=publish"));
        assert_eq!(activity(&app, &id).await["publication"], "published");
        let published = culture.get(&path).await.expect(200);
        assert!(published.body.contains("<fieldset class=\"plain\" disabled>"), "a published record needs the publisher");
    }
}

db_test! {
    async fn the_list_filters_sorts_and_pages(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/activities/new").await.csrf();
        for (title, date) in [("Форум у Жешуві", "2024-03-04"), ("Візит до Полтави", "2023-06-01"), ("Конференція", "2024-09-10")] {
            let mut fields = form(&csrf, &[fixture.measure("1.1")], None);
            fields.retain(|(k, _)| !matches!(*k, "title_uk" | "start_date" | "end_date" | "additional_dates"));
            fields.push(("title_uk", title));
            fields.push(("start_date", date));
            console.post("/console/activities", &fields).await.expect(303);
        }
        let all = console.get("/console/activities").await.expect(200);
        assert!(all.body.contains("3 заходи"), "{}", all.body);
        let year = console.get("/console/activities?year=2024&sort=title").await.expect(200);
        assert!(year.body.contains("2 заходи"));
        let (a, b) = (year.body.find("Конференція").unwrap(), year.body.find("Форум у Жешуві").unwrap());
        assert!(a < b, "sorted by title");
        let found = console.get("/console/activities?q=%D1%84%D0%BE%D1%80%D1%83%D0%BC").await.expect(200);
        assert!(found.body.contains("1 захід") && found.body.contains("Форум у Жешуві"));
        let far = console.get("/console/activities?page=400000000000000000").await.expect(200);
        assert!(far.body.contains("3 заходи"), "a page beyond the list is an empty page, not a failure");
        console.get("/console/activities?page=4000000000").await.expect(200);
        let bad = console.get("/console/activities?year=twenty").await.expect(200);
        assert!(bad.body.contains("«twenty» — не рік"), "a bad filter is named beside it");
    }
}

db_test! {
    async fn a_new_partner_is_created_from_the_activity_form_once(app) {
        let fixture = app.programme_fixture().await;
        account(&app.db, "olena", "editor", Some("управління культури")).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/activities/new").await.csrf();
        let mut fields = form(&csrf, &[], None);
        fields.extend([("new_partner_uk", "Місто Жешув"), ("new_partner_kind", "twin_city"), ("new_partner_country", "pl"), ("new_partner_role", "host")]);
        let refused = console.post("/console/activities", &fields).await.expect(422);
        assert!(refused.field_error("measure_ids").is_some());
        assert_eq!(app.count_rows("partners").await, 0, "no partner is made for an activity that cannot be saved");
        assert_eq!(refused.input("new_partner_uk").as_deref(), Some("Місто Жешув"));
        fields.push(("measure_ids", fixture.measure("1.1")));
        let saved = console.post("/console/activities", &fields).await.expect(303);
        let stored = activity(&app, &id_of(saved.location.as_deref().unwrap())).await;
        assert_eq!(stored["partners"][0]["role"], "host");
        let partner_id = stored["partners"][0]["partner_id"].as_str().unwrap();
        let partner = app.get_as(&format!("/api/v1/partners/{partner_id}"), Role::Admin).await.expect(200);
        assert_eq!(partner["name"]["uk"], "Місто Жешув");
        assert_eq!(partner["kind"], "twin_city");
        assert_eq!(partner["country"], "PL");
        assert_eq!(partner["publication"], "draft");
        assert_eq!(partner["owner_unit"], "управління культури");
        assert_eq!(app.count_rows("partners").await, 1);
    }
}
