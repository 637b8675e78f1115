use intercoop_tests::{Role, db_test};
use reqwest::Method;
use serde_json::json;

fn partner() -> serde_json::Value {
    json!({"name": {"uk": "ПРООН", "en": "UNDP"}, "kind": "international_organisation"})
}

db_test! {
    async fn writes_without_a_token_get_401_with_a_challenge(app) {
        let response = app.call(Method::POST, "/api/v1/partners", None, Some(&partner())).await;
        response.expect_problem(401, "missing_token");
        assert!(response.header("www-authenticate").unwrap().starts_with("Bearer"));
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn bad_tokens_get_401(app) {
        let other_keys = intercoop_api::auth::JwtKeys::from_secret(b"some other secret that is long enough");
        let foreign = format!("Bearer {}", other_keys.issue("x", Role::Admin, 600).unwrap());
        let expired = format!("Bearer {}", intercoop_api::auth::JwtKeys::from_secret(b"the test secret, long enough for HS256 use").issue("x", Role::Admin, -600).unwrap());
        let mut tampered = app.token(Role::Viewer);
        tampered.insert(tampered.len() - 3, 'A');
        let tampered = format!("Bearer {tampered}");
        for authorization in ["Bearer", "Bearer not.a.token", "Basic dXNlcjpwYXNz", foreign.as_str(), expired.as_str(), tampered.as_str()] {
            let response = app
                .call_with_headers(Method::POST, "/api/v1/partners", &[("authorization", authorization)], Some(&partner()))
                .await;
            response.expect_problem(401, "invalid_token");
            assert!(response.header("www-authenticate").is_some(), "{authorization}");
            let read = app.call_with_headers(Method::GET, "/api/v1/partners", &[("authorization", authorization)], None).await;
            read.expect_problem(401, "invalid_token");
        }
        assert_eq!(app.count_rows("partners").await, 0);
    }
}

db_test! {
    async fn roles_below_the_operation_get_403(app) {
        app.post("/api/v1/partners", Role::Viewer, &partner()).await.expect_problem(403, "forbidden");
        let created = app.post("/api/v1/partners", Role::Editor, &partner()).await.expect(201);
        let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
        app.put(&path, Role::Viewer, &partner()).await.expect_problem(403, "forbidden");
        app.delete(&path, Role::Editor).await.expect_problem(403, "forbidden");
        app.put(&path, Role::Editor, &partner()).await.expect(200);
    }
}

db_test! {
    async fn every_kind_of_bad_token_is_refused_with_a_challenge(app) {
        use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
        let now = chrono::Utc::now().timestamp();
        let claims = |iss: &str, aud: &str, nbf: i64, exp: i64| {
            json!({"sub": "x", "role": "admin", "iss": iss, "aud": aud, "iat": now, "nbf": nbf, "exp": exp})
        };
        let key = EncodingKey::from_secret(intercoop_tests::TEST_SECRET);
        let sign = |alg: Algorithm, claims: serde_json::Value| encode(&Header::new(alg), &claims, &key).unwrap();
        let good = claims("intercoop", "intercoop-api", now, now + 600);
        let b64 = |v: &serde_json::Value| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
        };
        let alg_none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&good));
        let cases = [
            ("signed by us, accepted", sign(Algorithm::HS256, good.clone()), 201),
            ("alg none", alg_none, 401),
            ("another algorithm", sign(Algorithm::HS512, good.clone()), 401),
            ("wrong issuer", sign(Algorithm::HS256, claims("someone-else", "intercoop-api", now, now + 600)), 401),
            ("wrong audience", sign(Algorithm::HS256, claims("intercoop", "another-api", now, now + 600)), 401),
            ("not yet valid", sign(Algorithm::HS256, claims("intercoop", "intercoop-api", now + 3600, now + 7200)), 401),
            ("expired", sign(Algorithm::HS256, claims("intercoop", "intercoop-api", now - 7200, now - 3600)), 401),
        ];
        for (case, token, expected) in cases {
            let authorization = format!("Bearer {token}");
            let body = json!({"name": {"uk": format!("Партнер {case}")}, "kind": "ngo"});
            let response = app
                .call_with_headers(Method::POST, "/api/v1/partners", &[("authorization", &authorization)], Some(&body))
                .await;
            assert_eq!(response.status.as_u16(), expected, "{case}: {}", response.text);
            if expected == 401 {
                response.expect_problem(401, "invalid_token");
                assert!(response.header("www-authenticate").unwrap().contains("invalid_token"), "{case}");
                let detail = response.json()["detail"].as_str().unwrap().to_owned();
                assert_eq!(detail, "the bearer token is not valid (or has expired)", "{case}: the reason is logged, not told");
            }
        }
        assert_eq!(app.count_rows("partners").await, 1);
    }
}
