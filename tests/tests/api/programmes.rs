use intercoop_tests::{Role, db_test, programme_body};
use serde_json::json;

db_test! {
    async fn a_programme_comes_with_its_structure_in_code_order(app) {
        let f = app.programme_fixture().await;
        let detail = app.get(&format!("/api/v1/programmes/{}", f.programme_id)).await.expect(200);
        assert_eq!(detail["first_year"], 2021);
        assert_eq!(detail["decision"]["number"], "7");
        let sections = detail["sections"].as_array().unwrap();
        let numbers: Vec<&str> = sections.iter().map(|s| s["number"].as_str().unwrap()).collect();
        assert_eq!(numbers, ["I", "II"]);
        let codes: Vec<&str> = sections[0]["measures"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["1.1", "1.2", "1.3", "1.10"]);
        assert_eq!(sections[1]["measures"][0]["code"], "2.2");

        let listed = app.get(&format!("/api/v1/measures?programme_id={}", f.programme_id)).await.expect(200);
        let codes: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["1.1", "1.2", "1.3", "1.10", "2.2"]);
        let one = app.get("/api/v1/measures?code=1.10").await.expect(200);
        assert_eq!(one["total"], 1);
        assert_eq!(app.get(&format!("/api/v1/programmes/{}/sections", f.programme_id)).await.expect(200).as_array().unwrap().len(), 2);
    }
}

db_test! {
    async fn structure_needs_the_admin_role(app) {
        app.post("/api/v1/programmes", Role::Publisher, &programme_body()).await.expect_problem(403, "forbidden");
        let f = app.programme_fixture().await;
        let body = json!({"section_id": f.section_i, "code": "1.4", "title": {"uk": "Захід"}});
        app.post("/api/v1/measures", Role::Editor, &body).await.expect_problem(403, "forbidden");
        assert_eq!(app.count_rows("measures").await, 5);
    }
}

db_test! {
    async fn measure_codes_fit_their_section_and_are_unique(app) {
        let f = app.programme_fixture().await;
        let response = app.post("/api/v1/measures", Role::Admin, &json!({"section_id": f.section_ii, "code": "1.5", "title": {"uk": "Захід"}})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["code"]);
        let response = app.post("/api/v1/measures", Role::Admin, &json!({"section_id": f.section_i, "code": "1.10", "title": {"uk": "Ще раз"}})).await;
        response.expect_problem(409, "conflict");
        let response = app.post("/api/v1/measures", Role::Admin, &json!({"section_id": f.section_i, "code": "1.01", "title": {"uk": "Захід"}})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["code"]);
        let response = app.post("/api/v1/measures", Role::Admin, &json!({"section_id": "00000000-0000-0000-0000-000000000000", "code": "1.5", "title": {"uk": "Захід"}})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["section_id"]);
        assert_eq!(app.count_rows("measures").await, 5);
    }
}

db_test! {
    async fn planned_funding_is_exact(app) {
        let f = app.programme_fixture().await;
        let path = format!("/api/v1/measures/{}", f.measure("2.2"));
        let patched = app
            .patch(&path, Role::Admin, &json!({"funding": [{"year": 2024, "amount": "150000.5", "currency": "UAH", "source": "бюджет громади"}]}))
            .await
            .expect(200);
        assert_eq!(patched["funding"][0]["amount"], "150000.50");
        assert_eq!(patched["version"], 2);
        let response = app.patch(&path, Role::Admin, &json!({"funding": [{"year": 2024, "amount": "1.234", "currency": "UAH"}]})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["funding[0].amount"]);
        let response = app.patch(&path, Role::Admin, &json!({"funding": [{"year": 2024, "amount": "1", "currency": "EURO"}]})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["funding[0].currency"]);
    }
}

db_test! {
    async fn sections_are_roman_unique_and_guard_their_measures(app) {
        let f = app.programme_fixture().await;
        let sections = format!("/api/v1/programmes/{}/sections", f.programme_id);
        app.post(&sections, Role::Admin, &json!({"number": "II", "title": {"uk": "Дубль"}})).await.expect_problem(409, "conflict");
        let response = app.post(&sections, Role::Admin, &json!({"number": "3", "title": {"uk": "Три"}})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["number"]);
        app.post("/api/v1/programmes/00000000-0000-0000-0000-000000000000/sections", Role::Admin, &json!({"number": "I", "title": {"uk": "Х"}}))
            .await
            .expect_problem(404, "not_found");
        app.delete(&format!("{sections}/{}", f.section_ii), Role::Admin).await.expect_problem(409, "in_use");
        app.delete(&format!("/api/v1/programmes/{}", f.programme_id), Role::Admin).await.expect_problem(409, "in_use");
        app.get(&format!("/api/v1/programmes/00000000-0000-0000-0000-000000000000/sections/{}", f.section_i))
            .await
            .expect_problem(404, "not_found");
        let renamed = app
            .patch(&format!("{sections}/{}", f.section_ii), Role::Admin, &json!({"title": {"uk": "Промоція громади"}}))
            .await
            .expect(200);
        assert_eq!(renamed["title"]["uk"], "Промоція громади");
        assert_eq!(renamed["title"]["en"], "Promotion of the city", "a merge patch keeps the fields it does not name");
    }
}

db_test! {
    async fn a_programme_ends_after_it_starts(app) {
        let mut body = programme_body();
        body["last_year"] = json!(2019);
        let response = app.post("/api/v1/programmes", Role::Admin, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["last_year"]);
        app.create("/api/v1/programmes", &programme_body()).await;
        app.post("/api/v1/programmes", Role::Admin, &programme_body()).await.expect_problem(409, "conflict");
        assert_eq!(app.get("/api/v1/programmes?year=2024").await.expect(200)["total"], 1);
        assert_eq!(app.get("/api/v1/programmes?year=2026").await.expect(200)["total"], 0);
    }
}
