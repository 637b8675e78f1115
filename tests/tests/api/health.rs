use intercoop_tests::db_test;

db_test! {
    async fn live_and_ready_answer_ok(app) {
        assert_eq!(app.get("/health/live").await.expect(200)["status"], "ok");
        let ready = app.get("/health/ready").await;
        assert_eq!(ready.expect(200)["status"], "ok");
        let id = ready.header("x-request-id").expect("every response has a request id");
        assert!(!id.is_empty());
    }
}

db_test! {
    async fn a_sane_request_id_is_echoed(app) {
        let response =
            app.call_with_headers(reqwest::Method::GET, "/health/live", &[("x-request-id", "abc-123")], None).await;
        assert_eq!(response.header("x-request-id"), Some("abc-123"));
        let response = app
            .call_with_headers(reqwest::Method::GET, "/health/live", &[("x-request-id", "bad id with spaces")], None)
            .await;
        let made = response.header("x-request-id").unwrap();
        assert!(made != "bad id with spaces" && !made.is_empty());
    }
}

db_test! {
    async fn swagger_ui_is_served_without_internet(app) {
        let page = app.get("/swagger-ui/").await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.text.contains("swagger-ui"), "{}", page.text);
        let spec = app.get("/api/v1/openapi.json").await.expect(200);
        assert_eq!(spec["info"]["title"], "intercoop");
    }
}

db_test! {
    async fn problem_types_lead_somewhere(app) {
        let problem = app.get("/api/v1/partners?colour=red").await.expect_problem(400, "invalid_query");
        let described = app.get(problem["type"].as_str().unwrap()).await.expect(200);
        assert_eq!(described["status"], 400);
        assert_eq!(described["code"], "invalid_query");
        app.get("/problems/no_such_thing").await.expect_problem(404, "not_found");
    }
}
