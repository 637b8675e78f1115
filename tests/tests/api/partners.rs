use intercoop_tests::{Role, TestApp, db_test};
use serde_json::{Value, json};

fn stuttgart() -> Value {
    json!({
        "name": {"uk": "Штутгарт", "en": "Stuttgart"},
        "aliases": ["м. Штутгарт"],
        "kind": "twin_city",
        "country": "DE",
        "city": {"uk": "Штутгарт", "en": "Stuttgart"},
        "website": "https://www.stuttgart.de/",
        "coordinates": {"latitude": 48.7758, "longitude": 9.1829}
    })
}

async fn create_partner(app: &TestApp, body: Value) -> Value {
    app.create("/api/v1/partners", &body).await
}

db_test! {
    async fn create_then_get_returns_what_was_stored(app) {
        let response = app.post("/api/v1/partners", Role::Editor, &stuttgart()).await;
        let created = response.expect(201);
        let id = created["id"].as_str().unwrap();
        let path = format!("/api/v1/partners/{id}");
        assert_eq!(response.header("location"), Some(path.as_str()));
        assert_eq!(created["version"], 1);
        assert_eq!(created["publication"], "draft");
        assert_eq!(created["name"]["en"], "Stuttgart");
        assert_eq!(created["country"], "DE");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200), created);
        let published = app.publish(&path).await;
        assert_eq!((published["version"].clone(), published["publication"].clone()), (json!(2), json!("published")));
        assert_eq!(app.get(&path).await.expect(200), published);
        assert_eq!(app.count_rows("partners").await, 1);
    }
}

db_test! {
    async fn drafts_are_hidden_from_anonymous_callers(app) {
        let draft = app.post("/api/v1/partners", Role::Editor, &stuttgart()).await.expect(201);
        let path = format!("/api/v1/partners/{}", draft["id"].as_str().unwrap());
        app.get(&path).await.expect_problem(404, "not_found");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200)["publication"], "draft");
        assert_eq!(app.get("/api/v1/partners").await.expect(200)["total"], 0);
        assert_eq!(app.get_as("/api/v1/partners", Role::Viewer).await.expect(200)["total"], 1);
    }
}

db_test! {
    async fn editors_cannot_publish(app) {
        let created = app.post("/api/v1/partners", Role::Editor, &stuttgart()).await.expect(201);
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        let publish = format!("{path}/publish");
        app.call(reqwest::Method::POST, &publish, Some(Role::Editor), None).await.expect_problem(403, "forbidden");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200)["publication"], "draft");
        let mut body = stuttgart();
        body["publication"] = json!("published");
        let response = app.post("/api/v1/partners", Role::Admin, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["publication"]);
    }
}

db_test! {
    async fn a_taken_name_is_a_conflict(app) {
        create_partner(&app, stuttgart()).await;
        let mut again = stuttgart();
        again["name"]["uk"] = json!("  ШТУТГАРТ ");
        let problem = app.post("/api/v1/partners", Role::Admin, &again).await.expect_problem(409, "conflict");
        assert!(problem["detail"].as_str().unwrap().contains("ШТУТГАРТ"));
        assert_eq!(app.count_rows("partners").await, 1);
    }
}

db_test! {
    async fn replace_and_patch_change_the_record_and_its_version(app) {
        let created = create_partner(&app, stuttgart()).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        let mut replacement = stuttgart();
        replacement["website"] = json!("https://stuttgart.de/en/");
        let replaced = app.put(&path, Role::Publisher, &replacement).await.expect(200);
        assert_eq!(replaced["version"], 2);
        assert_eq!(replaced["website"], "https://stuttgart.de/en/");
        assert_eq!(replaced["created_at"], created["created_at"]);

        let patched = app.patch(&path, Role::Publisher, &json!({"aliases": ["Stuttgart"], "city": null})).await.expect(200);
        assert_eq!(patched["version"], 3);
        assert_eq!(patched["aliases"], json!(["Stuttgart"]));
        assert_eq!(patched["city"], Value::Null);
        assert_eq!(patched["website"], "https://stuttgart.de/en/");
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200), patched);
    }
}

db_test! {
    async fn changing_a_published_partner_needs_the_publisher_role(app) {
        let created = create_partner(&app, stuttgart()).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.patch(&path, Role::Editor, &json!({"website": "https://example.org/"})).await.expect(200);
        app.publish(&path).await;
        app.patch(&path, Role::Editor, &json!({"website": "https://example.com/"})).await.expect_problem(403, "forbidden");
        assert_eq!(app.get(&path).await.expect(200)["website"], "https://example.org/");
        app.patch(&path, Role::Publisher, &json!({"website": "https://example.com/"})).await.expect(200);
    }
}

db_test! {
    async fn a_patch_with_bad_values_changes_nothing(app) {
        let created = create_partner(&app, stuttgart()).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        let response = app.patch(&path, Role::Admin, &json!({"country": "XX", "id": "x"})).await;
        response.expect_problem(422, "validation_failed");
        let response = app.patch(&path, Role::Admin, &json!({"name": {"uk": " "}, "owner": 1})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["owner"]);
        let response = app.patch(&path, Role::Admin, &json!({"": null, "name": {"uk": "Штутгарт", "nickname": null}})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["", "name.nickname"]);
        assert_eq!(app.get_as(&path, Role::Viewer).await.expect(200), created);
        let cleared = app.patch(&path, Role::Admin, &json!({"name": {"en": null}, "website": null})).await.expect(200);
        assert_eq!(cleared["name"]["en"], serde_json::Value::Null);
    }
}

db_test! {
    async fn parents_must_exist_and_not_make_cycles(app) {
        let prague = create_partner(&app, json!({"name": {"uk": "Прага", "en": "Prague"}, "kind": "partner_city", "country": "CZ"})).await;
        let prague_id = prague["id"].as_str().unwrap();
        let prague6 = create_partner(&app, json!({"name": {"uk": "Прага 6", "en": "Prague 6"}, "kind": "solidarity_partner", "country": "CZ", "parent_id": prague_id})).await;
        assert_eq!(prague6["parent_id"], prague_id);

        let children = app.get_as(&format!("/api/v1/partners?parent_id={prague_id}"), Role::Viewer).await.expect(200);
        assert_eq!(children["total"], 1);

        let cycle = app.patch(&format!("/api/v1/partners/{prague_id}"), Role::Admin, &json!({"parent_id": prague6["id"]})).await;
        cycle.expect_problem(422, "validation_failed");
        assert_eq!(cycle.error_fields(), ["parent_id"]);

        let unknown = json!({"name": {"uk": "Х"}, "kind": "ngo", "parent_id": "00000000-0000-0000-0000-000000000001"});
        let response = app.post("/api/v1/partners", Role::Admin, &unknown).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["parent_id"]);

        app.delete(&format!("/api/v1/partners/{prague_id}"), Role::Admin).await.expect_problem(409, "in_use");
        assert_eq!(app.count_rows("partners").await, 2);
    }
}

db_test! {
    async fn delete_removes_the_partner(app) {
        let created = create_partner(&app, stuttgart()).await;
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.delete(&path, Role::Publisher).await.expect_problem(403, "forbidden");
        app.delete(&path, Role::Admin).await.expect(204);
        app.get(&path).await.expect_problem(404, "not_found");
        app.delete(&path, Role::Admin).await.expect_problem(404, "not_found");
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn lists_filter_search_sort_and_page(app) {
        for (uk, en, kind, country) in [
            ("Штутгарт", "Stuttgart", "twin_city", "DE"),
            ("Дрезден", "Dresden", "solidarity_partner", "DE"),
            ("Північна екологічна фінансова корпорація", "NEFCO", "financial_institution", "FI"),
            ("Сілістра", "Silistra", "twin_city", "BG"),
        ] {
            let aliases: Vec<&str> = if en == "NEFCO" { vec!["НЕФКО"] } else { vec![] };
            let body = json!({"name": {"uk": uk, "en": en}, "kind": kind, "country": country, "aliases": aliases});
            app.create_published("/api/v1/partners", &body).await;
        }
        let de = app.get("/api/v1/partners?country=DE&sort=-name").await.expect(200);
        assert_eq!(de["total"], 2);
        let names: Vec<&str> = de["items"].as_array().unwrap().iter().map(|p| p["name"]["en"].as_str().unwrap()).collect();
        assert_eq!(names, ["Stuttgart", "Dresden"]);

        let twins = app.get("/api/v1/partners?kind=twin_city").await.expect(200);
        assert_eq!(twins["total"], 2);

        for q in ["нефко", "НЕФКО", "nefco", "екологічна", "ФІНАНСОВА"] {
            let found = app.get(&format!("/api/v1/partners?q={}", urlencode(q))).await.expect(200);
            assert_eq!(found["total"], 1, "q={q}");
            assert_eq!(found["items"][0]["name"]["en"], "NEFCO");
        }
        assert_eq!(app.get("/api/v1/partners?q=%25").await.expect(200)["total"], 0);

        let page = app.get("/api/v1/partners?limit=3&offset=0").await;
        let body = page.expect(200);
        assert_eq!(body["total"], 4);
        assert_eq!(body["items"].as_array().unwrap().len(), 3);
        let link = page.header("link").unwrap();
        assert!(link.contains("rel=\"next\"") && link.contains("offset=3"), "{link}");
        assert!(!link.contains("rel=\"prev\""), "{link}");
        let second = app.get("/api/v1/partners?limit=3&offset=3").await;
        let second_body = second.expect(200);
        assert_eq!(second_body["items"].as_array().unwrap().len(), 1);
        assert_eq!(second_body["total"], 4, "a short last page, whose total is not counted");
        assert!(second.header("link").unwrap().contains("rel=\"prev\""));
        let past = app.get("/api/v1/partners?limit=3&offset=7").await.expect(200);
        assert_eq!((past["items"].as_array().unwrap().len(), &past["total"]), (0, &json!(4)));
        let full = app.get("/api/v1/partners?limit=3&offset=1").await.expect(200);
        assert_eq!((full["items"].as_array().unwrap().len(), &full["total"]), (3, &json!(4)));
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
