use intercoop_tests::app_body_limit;
use intercoop_tests::{Role, db_test};
use reqwest::Method;
use serde_json::json;

db_test! {
    async fn malformed_json_is_a_400(app) {
        for body in ["{", "{\"name\": }", "", "nul", "{} {}"] {
            let response = app.call_raw(Method::POST, "/api/v1/partners", Some(Role::Admin), "application/json", body.into()).await;
            response.expect_problem(400, "malformed_json");
        }
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn wrong_types_and_unknown_fields_name_the_field(app) {
        let response = app.post("/api/v1/partners", Role::Admin, &json!({"name": {"uk": 5}, "kind": "twin_city"})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["name.uk"]);

        let response = app.post("/api/v1/partners", Role::Admin, &json!({"name": {"uk": "A"}, "kind": "castle"})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["kind"]);

        let response = app
            .post("/api/v1/partners", Role::Admin, &json!({"name": {"uk": "A"}, "kind": "ngo", "id": "x", "version": 3}))
            .await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["id", "version"]);

        let response = app.post("/api/v1/partners", Role::Admin, &json!([1, 2])).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn every_invalid_field_is_listed(app) {
        let body = json!({
            "name": {"uk": "  "},
            "kind": "ngo",
            "website": "ftp://example.org",
            "aliases": ["NEFCO", "NEFCO", ""],
            "coordinates": {"latitude": 91.0, "longitude": 0.0}
        });
        let response = app.post("/api/v1/partners", Role::Admin, &body).await;
        response.expect_problem(422, "validation_failed");
        let mut fields = response.error_fields();
        fields.sort();
        assert_eq!(fields, ["aliases[1]", "aliases[2]", "coordinates.latitude", "name.uk", "website"]);
    }
}

db_test! {
    async fn bad_country_codes_are_refused(app) {
        for country in ["XX", "de", "DEU", "1"] {
            let body = json!({"name": {"uk": "A"}, "kind": "ngo", "country": country});
            let response = app.post("/api/v1/partners", Role::Admin, &body).await;
            let problem = response.expect_problem(422, "validation_failed");
            assert_eq!(response.error_fields(), ["country"], "{problem}");
            assert!(problem["errors"][0]["message"].as_str().unwrap().contains("ISO 3166-1"));
        }
    }
}

db_test! {
    async fn oversized_bodies_get_413(app) {
        let big = "я".repeat(app_body_limit());
        let body = json!({"name": {"uk": big}, "kind": "ngo"});
        let response = app.post("/api/v1/partners", Role::Admin, &body).await;
        response.expect_problem(413, "payload_too_large");
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn bodies_must_be_json(app) {
        let response = app.call_raw(Method::POST, "/api/v1/partners", Some(Role::Admin), "text/plain", b"{}".to_vec()).await;
        response.expect_problem(415, "unsupported_media_type");
    }
}

db_test! {
    async fn bad_filters_are_400_not_ignored(app) {
        for (query, field) in [
            ("colour=red", "colour"),
            ("kind=castle", "query"),
            ("country=XX", "query"),
            ("limit=0", "limit"),
            ("limit=201", "limit"),
            ("limit=abc", "query"),
            ("offset=-1", "query"),
            ("sort=height", "sort"),
            ("parent_id=nope", "query"),
        ] {
            let response = app.get(&format!("/api/v1/partners?{query}")).await;
            let problem = response.expect_problem(400, "invalid_query");
            assert_eq!(response.error_fields(), [field], "{query}: {problem}");
        }
    }
}

db_test! {
    async fn a_query_value_has_at_most_500_characters(app) {
        let longest = "ш".repeat(500);
        let found = app.get(&format!("/api/v1/partners?q={longest}&owner_unit={longest}")).await.expect(200);
        assert_eq!(found["total"], 0);
        let response = app.get(&format!("/api/v1/partners?q={longest}ш")).await;
        response.expect_problem(400, "invalid_query");
        assert_eq!(response.error_fields(), ["q"]);
        let response = app.get_as(&format!("/api/v1/audit?actor={}", "a".repeat(40_000)), Role::Admin).await;
        response.expect_problem(400, "invalid_query");
        assert_eq!(response.error_fields(), ["actor"]);
        let contract = intercoop_api::contract::spec_value();
        let q = contract["paths"]["/api/v1/partners"]["get"]["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "q");
        assert_eq!(q.unwrap()["schema"]["maxLength"], 500);
    }
}

db_test! {
    async fn bad_ids_and_unknown_routes(app) {
        app.get("/api/v1/partners/not-a-uuid").await.expect_problem(400, "invalid_path");
        app.get("/api/v1/partners/00000000-0000-0000-0000-000000000000").await.expect_problem(404, "not_found");
        app.get("/api/v1/castles").await.expect_problem(404, "not_found");
        let response = app.call(Method::DELETE, "/api/v1/partners", Some(Role::Admin), None).await;
        response.expect_problem(405, "method_not_allowed");
        assert_eq!(response.header("allow"), Some("GET, POST, HEAD"));
    }
}

db_test! {
    async fn nul_characters_and_far_dates_are_refused_not_stored(app) {
        let response = app.post("/api/v1/partners", Role::Admin, &json!({"name": {"uk": "A\u{0}B"}, "kind": "ngo"})).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["name.uk"]);
        app.get("/api/v1/partners?q=a%00b").await.expect_problem(400, "invalid_query");
        let body = json!({"name": {"uk": "A"}, "kind": "ngo", "partner_since": "-4000-01-01"});
        let response = app.post("/api/v1/partners", Role::Admin, &body).await;
        response.expect_problem(422, "validation_failed");
        assert_eq!(response.error_fields(), ["partner_since"]);
        app.get("/api/v1/activities?from=0100-01-01").await.expect_problem(400, "invalid_query");
        app.get("/api/v1/activities?year=99999").await.expect_problem(400, "invalid_query");
        assert_eq!(app.count_rows("partners").await, 0);
    }
}
