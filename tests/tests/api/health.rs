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
        let initializer = app.get("/swagger-ui/swagger-initializer.js").await;
        assert!(initializer.text.contains("/api/v1/openapi.json"), "{}", initializer.text);
        assert!(initializer.text.contains(r#""validatorUrl": "none""#), "no outside validator: {}", initializer.text);
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

db_test! {
    async fn metrics_count_requests_by_route_and_status(app) {
        for _ in 0..3 {
            app.get("/api/v1/programmes").await.expect(200);
        }
        app.get("/api/v1/partners/0190f5a0-0000-7000-8000-000000000001").await.expect_problem(404, "not_found");
        app.get("/no/such/path").await;
        let (status, content_type, body) = app.client_get_bytes("/metrics").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
        let text = String::from_utf8(body).unwrap();
        let value = |series: &str| -> f64 {
            let line = text.lines().find(|l| l.starts_with(series)).unwrap_or_else(|| panic!("no {series} in\n{text}"));
            line.rsplit(' ').next().unwrap().parse().unwrap()
        };
        assert_eq!(value("intercoop_http_requests_total{method=\"GET\",route=\"/api/v1/programmes\",status=\"200\"}"), 3.0);
        assert_eq!(value("intercoop_http_requests_total{method=\"GET\",route=\"/api/v1/partners/{id}\",status=\"404\"}"), 1.0);
        assert_eq!(value("intercoop_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"), 1.0);
        assert!(!text.contains("/no/such/path"), "paths clients make up are not series");
        let inf = value("intercoop_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/programmes\",status=\"200\",le=\"+Inf\"}");
        assert_eq!(inf, 3.0);
        let buckets: Vec<f64> = text
            .lines()
            .filter(|l| l.starts_with("intercoop_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/programmes\""))
            .map(|l| l.rsplit(' ').next().unwrap().parse().unwrap())
            .collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]), "cumulative buckets: {buckets:?}");
        assert!(value("intercoop_db_pool_connections{state=\"open\"}") >= 1.0);
        assert_eq!(value("intercoop_db_pool_max_connections"), 5.0);
    }
}
