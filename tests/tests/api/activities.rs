use intercoop_tests::{ProgrammeFixture, Role, TestApp, db_test};
use serde_json::{Value, json};

/// The 21 June 2024 meeting with the EU Delegation and NEFCO, which the report lists under 1.1 and 1.3.
async fn eu_meeting(app: &TestApp, f: &ProgrammeFixture) -> (Value, String, String) {
    let eu = app
        .partner("Представництво ЄС в Україні", "EU Delegation to Ukraine", "international_organisation", "UA")
        .await;
    let nefco = app.partner("Північна екологічна фінансова корпорація", "NEFCO", "financial_institution", "FI").await;
    let body = json!({
        "title": {"uk": "Робоча зустріч з Представництвом ЄС та НЕФКО", "en": "Working meeting with the EU Delegation and NEFCO"},
        "description": {"uk": "Обговорили етапи реалізації проектів, які фінансуються за кошти ЄС в рамках Програми «Житло для ВПО»"},
        "kind": "meeting",
        "start_date": "2024-06-21",
        "place": {"city": {"uk": "Хмельницький", "en": "Khmelnytskyi"}, "country": "UA"},
        "measure_ids": [f.measure("1.3"), f.measure("1.1")],
        "partners": [{"partner_id": eu, "role": "participant"}, {"partner_id": nefco, "role": "funder"}]
    });
    (app.create_published("/api/v1/activities", &body).await, eu, nefco)
}

fn simple(f: &ProgrammeFixture, title: &str, start: &str, end: Option<&str>) -> Value {
    json!({
        "title": {"uk": title},
        "kind": "conference",
        "start_date": start,
        "end_date": end,
        "measure_ids": [f.measure("1.2")]
    })
}

db_test! {
    async fn one_event_under_two_measures_with_its_partners(app) {
        let f = app.programme_fixture().await;
        let (created, eu, nefco) = eu_meeting(&app, &f).await;
        let codes: Vec<&str> = created["measures"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["1.1", "1.3"]);
        assert_eq!(created["measure_ids"], json!([f.measure("1.3"), f.measure("1.1")]));
        assert_eq!(created["partners"][1], json!({"partner_id": nefco, "role": "funder"}));
        assert_eq!(created["partner_details"][0]["id"], eu.as_str());
        assert_eq!(created["partner_details"][1]["name"]["en"], "NEFCO");
        assert_eq!(created["date_precision"], "day");
        assert_eq!(created["format"], "in_person");
        assert_eq!(created["status"], "done");

        let id = created["id"].as_str().unwrap();
        assert_eq!(app.get(&format!("/api/v1/activities/{id}")).await.expect(200), created);
        for code in ["1.1", "1.3"] {
            let listed = app.get(&format!("/api/v1/activities?measure_id={}", f.measure(code))).await.expect(200);
            assert_eq!(listed["total"], 1, "{code}");
            assert_eq!(listed["items"][0], created);
        }
        assert_eq!(app.get(&format!("/api/v1/activities?measure_id={}", f.measure("1.2"))).await.expect(200)["total"], 0);
        assert_eq!(app.get(&format!("/api/v1/activities?partner_id={nefco}")).await.expect(200)["total"], 1);
        assert_eq!(app.count_rows("activity_measures").await, 2);
        assert_eq!(app.count_rows("activity_partners").await, 2);
    }
}

db_test! {
    async fn bad_activities_name_every_problem_and_store_nothing(app) {
        let f = app.programme_fixture().await;
        let body = json!({
            "title": {"uk": "Конференція"},
            "kind": "conference",
            "start_date": "2024-03-05",
            "end_date": "2024-03-04",
            "measure_ids": [],
            "links": ["not a url"],
            "place": {"country": "XX"}
        });
        let response = app.post("/api/v1/activities", Role::Editor, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["place.country"]);

        let mut body = body;
        body["place"] = json!({"country": "RO"});
        let response = app.post("/api/v1/activities", Role::Editor, &body).await;
        response.expect_problem(422, "validation_failed");
        let mut fields = response.error_fields();
        fields.sort();
        assert_eq!(fields, ["end_date", "links[0]", "measure_ids"]);

        let body = json!({
            "title": {"uk": "Зустріч"},
            "kind": "meeting",
            "start_date": "2024-01-26",
            "measure_ids": [f.measure("1.1"), "00000000-0000-0000-0000-000000000009"],
            "partners": [{"partner_id": "00000000-0000-0000-0000-000000000008"}]
        });
        let response = app.post("/api/v1/activities", Role::Editor, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["measure_ids[1]", "partners[0].partner_id"]);

        let body = json!({"title": {"uk": "Щось"}, "kind": "meeting", "start_date": "2024-06-15", "date_precision": "month", "measure_ids": [f.measure("1.1")]});
        let response = app.post("/api/v1/activities", Role::Editor, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["start_date"]);

        let body = json!({"title": {"uk": "Щось"}, "kind": "meeting", "start_date": "2024-02-30", "measure_ids": [f.measure("1.1")]});
        let response = app.post("/api/v1/activities", Role::Editor, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["start_date"]);
        assert_eq!(app.count_rows("activities").await, 0);
        assert_eq!(app.count_rows("activity_measures").await, 0);
    }
}

db_test! {
    async fn dates_hold_their_precision_and_parts(app) {
        let f = app.programme_fixture().await;
        let body = json!({
            "title": {"uk": "Придбання сувенірної продукції"},
            "kind": "procurement",
            "start_date": "2024-01-01",
            "date_precision": "year",
            "measure_ids": [f.measure("2.2")]
        });
        let created = app.post("/api/v1/activities", Role::Editor, &body).await.expect(201);
        assert_eq!(created["date_precision"], "year");
        assert_eq!(created["publication"], "draft");
        let body = json!({
            "title": {"uk": "Проектний менеджмент у громаді"},
            "kind": "training",
            "start_date": "2024-07-23",
            "end_date": "2024-07-26",
            "additional_dates": [{"start_date": "2024-09-09", "end_date": "2024-09-13"}],
            "format": "online",
            "measure_ids": [f.measure("1.2")]
        });
        let created = app.post("/api/v1/activities", Role::Editor, &body).await.expect(201);
        assert_eq!(created["additional_dates"], json!([{"start_date": "2024-09-09", "end_date": "2024-09-13"}]));
        let september = app.get_as("/api/v1/activities?from=2024-09-10&to=2024-09-10", Role::Viewer).await.expect(200);
        assert_eq!(september["total"], 1, "the second part of the course counts for its dates");
        let online = app.get_as("/api/v1/activities?format=online", Role::Viewer).await.expect(200);
        assert_eq!(online["total"], 1);
    }
}

db_test! {
    async fn year_range_search_and_sort(app) {
        let f = app.programme_fixture().await;
        for (title, start, end) in [
            ("Конференція Eurocities", "2024-05-29", Some("2024-05-31")),
            ("Конференція «Ведення бізнесу в Україні»", "2014-09-25", None),
            ("Зустріч міст-побратимів у Штутгарті", "2024-11-27", Some("2024-11-29")),
            ("Новорічна зустріч", "2023-12-30", Some("2024-01-02")),
        ] {
            app.create_published("/api/v1/activities", &simple(&f, title, start, end)).await;
        }
        let y2024 = app.get("/api/v1/activities?year=2024").await.expect(200);
        let titles: Vec<&str> = y2024["items"].as_array().unwrap().iter().map(|a| a["title"]["uk"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Новорічна зустріч", "Конференція Eurocities", "Зустріч міст-побратимів у Штутгарті"]);
        assert_eq!(app.get("/api/v1/activities?year=2014").await.expect(200)["total"], 1);
        let reversed = app.get("/api/v1/activities?year=2024&sort=-start_date&limit=1").await.expect(200);
        assert_eq!(reversed["items"][0]["title"]["uk"], "Зустріч міст-побратимів у Штутгарті");
        assert_eq!(reversed["total"], 3);
        let found = app.get("/api/v1/activities?q=%D0%A8%D0%A2%D0%A3%D0%A2%D0%93%D0%90%D0%A0%D0%A2").await.expect(200);
        assert_eq!(found["total"], 1, "ШТУТГАРТ finds Штутгарті");
        assert_eq!(app.get("/api/v1/activities?q=eurocities").await.expect(200)["total"], 1);
        let range = app.get("/api/v1/activities?from=2024-05-30&to=2024-06-30").await.expect(200);
        assert_eq!(range["total"], 1);
        app.get("/api/v1/activities?from=2024-06-30&to=2024-05-30").await.expect_problem(400, "invalid_query");
        app.get("/api/v1/activities?year=0").await.expect_problem(400, "invalid_query");
        app.get("/api/v1/activities?year=abc").await.expect_problem(400, "invalid_query");
        app.get("/api/v1/activities?kind=party").await.expect_problem(400, "invalid_query");
    }
}

db_test! {
    async fn patching_relations_replaces_them(app) {
        let f = app.programme_fixture().await;
        let (created, _, nefco) = eu_meeting(&app, &f).await;
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());
        let patched = app
            .patch(&path, Role::Publisher, &json!({"measure_ids": [f.measure("1.3")], "partners": [{"partner_id": nefco, "role": "host"}]}))
            .await
            .expect(200);
        assert_eq!(patched["measures"].as_array().unwrap().len(), 1);
        assert_eq!(patched["partner_details"].as_array().unwrap().len(), 1);
        assert_eq!(patched["partners"][0]["role"], "host");
        assert_eq!(patched["version"], 3, "created, published, patched");
        assert_eq!(app.count_rows("activity_measures").await, 1);
        assert_eq!(app.get(&path).await.expect(200), patched);

        let failed = app.patch(&path, Role::Publisher, &json!({"measure_ids": ["00000000-0000-0000-0000-000000000001"]})).await;
        failed.expect_problem(422, "validation_failed");
        assert_eq!(app.get(&path).await.expect(200), patched, "a failed patch changes nothing");
    }
}

db_test! {
    async fn records_in_use_cannot_be_deleted_and_deletes_cascade_links(app) {
        let f = app.programme_fixture().await;
        let (created, _, nefco) = eu_meeting(&app, &f).await;
        app.delete(&format!("/api/v1/measures/{}", f.measure("1.1")), Role::Admin).await.expect_problem(409, "in_use");
        app.delete(&format!("/api/v1/partners/{nefco}"), Role::Admin).await.expect_problem(409, "in_use");
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());
        app.delete(&path, Role::Editor).await.expect_problem(403, "forbidden");
        app.delete(&path, Role::Admin).await.expect(204);
        assert_eq!(app.count_rows("activity_measures").await, 0);
        assert_eq!(app.count_rows("activity_partners").await, 0);
        app.delete(&format!("/api/v1/measures/{}", f.measure("1.1")), Role::Admin).await.expect(204);
    }
}

db_test! {
    async fn anonymous_callers_see_published_activities_only(app) {
        let f = app.programme_fixture().await;
        let body = simple(&f, "Чернетка", "2024-03-13", None);
        let draft = app.post("/api/v1/activities", Role::Editor, &body).await.expect(201);
        let path = format!("/api/v1/activities/{}", draft["id"].as_str().unwrap());
        app.get(&path).await.expect_problem(404, "not_found");
        assert_eq!(app.get("/api/v1/activities").await.expect(200)["total"], 0);
        assert_eq!(app.get_as("/api/v1/activities?publication=draft", Role::Viewer).await.expect(200)["total"], 1);
        let response = app.patch(&path, Role::Editor, &json!({"publication": "published"})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["publication"], "the state is not a field a body may set");
        app.call(reqwest::Method::POST, &format!("{path}/publish"), Some(Role::Editor), None).await.expect_problem(403, "forbidden");
        let published = app.publish(&path).await;
        assert_eq!(published["publication"], "published");
        assert_eq!(app.get("/api/v1/activities").await.expect(200)["total"], 1);
    }
}

db_test! {
    async fn a_merge_patch_of_a_nested_object_changes_only_what_it_names(app) {
        let f = app.programme_fixture().await;
        let body = json!({"title": {"uk": "Форум", "en": "Forum"}, "kind": "conference", "start_date": "2024-12-03",
            "place": {"city": {"uk": "Хмельницький"}, "country": "UA"}, "measure_ids": [f.measure("1.3")]});
        let created = app.post("/api/v1/activities", Role::Editor, &body).await.expect(201);
        let path = format!("/api/v1/activities/{}", created["id"].as_str().unwrap());
        let patched = app.patch(&path, Role::Editor, &json!({"title": {"en": "Open Government Forum"}, "place": {"city": {"en": "Khmelnytskyi"}}})).await.expect(200);
        assert_eq!(patched["title"], json!({"uk": "Форум", "en": "Open Government Forum"}));
        assert_eq!(patched["place"], json!({"city": {"uk": "Хмельницький", "en": "Khmelnytskyi"}, "country": "UA"}));
        app.patch(&path, Role::Editor, &json!({"title": {"uk": null}})).await.expect_problem(422, "validation_failed");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200)["title"]["en"], "Open Government Forum");
    }
}
