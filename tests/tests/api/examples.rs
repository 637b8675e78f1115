//! The contract's examples, sent as Swagger UI's "Try it out" sends them to a freshly started service with the demo
//! programme (the 2024 report) loaded: every request body's example is accepted, and every read answers, with the
//! path parameters naming the records the examples created, as a person trying the contract fills them in.

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Options, Part, Role, TestApp, TestResponse, db_test};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeMap;

/// The demo admin's password in the sign-in example.
const PASSWORD: &str = "correct horse battery staple";

/// The collections in the order their examples refer to each other.
const ORDER: [&str; 11] = [
    "programmes",
    "sections",
    "measures",
    "partners",
    "activities",
    "grants",
    "agreements",
    "users",
    "service-accounts",
    "webhooks",
    "imports",
];

/// Examples that stand for a secret of one's own, which no installation shares: a refresh token. (Signing in is
/// tried with the form's example, the admin's password.)
const PLACEHOLDERS: [&str; 2] = ["refresh_token", "logout"];

const REPORT: &str = include_str!("../../fixtures/programme-report-2024.uk.txt");

struct Operation {
    id: String,
    method: Method,
    path: String,
    body: Option<(String, Value)>,
}

fn example_of(spec: &Value, media: &Value) -> Option<Value> {
    if let Some(example) = media.get("example") {
        return Some(example.clone());
    }
    let mut schema = &media["schema"];
    if let Some(first) = schema["oneOf"].as_array().and_then(|o| o.iter().find(|s| s["type"] != "null")) {
        schema = first;
    }
    let name = schema["$ref"].as_str()?.rsplit('/').next()?;
    spec["components"]["schemas"][name].get("example").cloned()
}

fn operations(spec: &Value) -> Vec<Operation> {
    let mut all = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else { continue };
            let body = operation["requestBody"]["content"].as_object().and_then(|content| {
                let (media_type, media) = content.iter().next()?;
                Some((media_type.clone(), example_of(spec, media)?))
            });
            let id = operation["operationId"].as_str().unwrap().to_owned();
            all.push(Operation { id, method, path: path.clone(), body });
        }
    }
    let collection = |o: &Operation| ORDER.iter().position(|c| o.path.ends_with(&format!("/{c}"))).unwrap_or(99);
    let phase = |o: &Operation| match (&o.method, o.id.split('_').next().unwrap()) {
        (&Method::POST, "create") => 0,
        (_, "replace") => 1,
        (_, "patch") => 2,
        (&Method::GET, _) => 4,
        _ => 3,
    };
    all.sort_by_key(|o| (phase(o), collection(o)));
    all
}

/// The path with its parameters filled in, or none when one names nothing the examples made.
fn fill(spec: &Value, path: &str, made: &BTreeMap<String, String>) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut filled = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            filled.push(segment.replace("{year}", "2024").replace("{dataset}", &first_dataset(spec)));
            continue;
        };
        let value = match name {
            // A report's year (the example, 2024) is one of the demo programme's.
            "id" if path.contains("/reports/") => {
                seed::record_id("khmelnytskyi-2024", "programme", "programme").to_string()
            }
            "id" => made.get(segments[i - 1])?.clone(),
            "section_id" => made.get("sections")?.clone(),
            "year" => "2024".into(),
            "code" => "validation_failed".into(),
            _ => return None,
        };
        filled.push(value);
    }
    Some(filled.join("/"))
}

fn first_dataset(spec: &Value) -> String {
    spec["components"]["schemas"]["DatasetName"]["enum"][0].as_str().unwrap().to_owned()
}

async fn send(app: &TestApp, method: Method, path: &str, body: Option<&(String, Value)>) -> TestResponse {
    let authorization = format!("Bearer {}", app.token(Role::Admin));
    match body {
        None => app.call_with_headers(method, path, &[("authorization", &authorization)], None).await,
        Some((media_type, example)) if media_type == "multipart/form-data" => {
            let year = example["year"].to_string();
            let programme = example["programme_id"].as_str().unwrap_or_default().to_owned();
            let parts = [
                Part::file("file", "programme-report-2024.uk.txt", REPORT.as_bytes()),
                Part::value("year", &year),
                Part::value("programme_id", &programme),
            ];
            app.upload(path, &app.token(Role::Admin), &parts).await
        }
        Some((media_type, example)) if media_type == "application/x-www-form-urlencoded" => {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            for (name, value) in example.as_object().unwrap() {
                form.append_pair(name, value.as_str().unwrap());
            }
            let bytes = form.finish().into_bytes();
            app.call_raw_with_headers(method, path, &[("authorization", &authorization)], media_type, bytes).await
        }
        Some((media_type, example)) => {
            let bytes = serde_json::to_vec(example).unwrap();
            app.call_raw_with_headers(method, path, &[("authorization", &authorization)], media_type, bytes).await
        }
    }
}

db_test! {
    async fn every_example_of_the_contract_is_accepted_by_a_service_with_the_demo_programme(
        app: Options { first_admin: Some(PASSWORD.into()), ..Options::default() }
    ) {
        let mut app = app;
        // The webhook example names a host elsewhere: no delivery may start.
        app.stop_worker().await;
        seed::load(&app.db, KHMELNYTSKYI_2024).await.expect("the demo programme loads");
        let spec = app.get("/api/v1/openapi.json").await.expect(200);
        let mut made = BTreeMap::new();
        let (mut sent, mut unfilled) = (0, Vec::new());
        for operation in operations(&spec) {
            let is_read = operation.method == Method::GET;
            if PLACEHOLDERS.contains(&operation.id.as_str()) || (!is_read && operation.body.is_none()) {
                continue;
            }
            let Some(path) = fill(&spec, &operation.path, &made) else {
                unfilled.push(operation.id.clone());
                continue;
            };
            if operation.id.starts_with("return_") {
                let submit = path.replace("/return", "/submit");
                send(&app, Method::POST, &submit, None).await.expect(200);
            }
            let response = send(&app, operation.method.clone(), &path, operation.body.as_ref()).await;
            assert!(
                response.status.is_success(),
                "{} {path} with the contract's example {:?} answered {}: {}",
                operation.id, operation.body.as_ref().map(|b| b.1.to_string()), response.status, response.text
            );
            sent += 1;
            if operation.id.starts_with("create_") {
                let collection = operation.path.rsplit('/').next().unwrap().to_owned();
                made.insert(collection, response.json()["id"].as_str().unwrap().to_owned());
            }
        }
        assert!(unfilled.is_empty(), "operations whose path names nothing the examples made: {unfilled:?}");
        assert!(sent > 80, "{sent} operations tried");
    }
}

#[test]
fn no_optional_parameter_is_filled_in_beforehand() {
    let spec = intercoop_api::contract::spec_value();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["required"] == true {
                    continue;
                }
                let name = &parameter["name"];
                for holder in [parameter, &parameter["schema"]] {
                    assert!(
                        holder.get("example").is_none() && holder.get("examples").is_none(),
                        "{method} {path}: the optional {name} has an example, which Swagger UI would send"
                    );
                }
            }
        }
    }
}
