use std::path::PathBuf;

use intercoop_tests::db_test;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/intercoop-v1.json")
}

/// Fails when the code's contract differs from the committed one. To accept a change on purpose:
/// `UPDATE_OPENAPI=1 cargo test contract`, then review and commit `openapi/intercoop-v1.json`.
#[test]
fn committed_contract_matches_the_code() {
    let generated = intercoop_api::contract::spec_json();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/intercoop-v1.json differs from the code's contract; run `UPDATE_OPENAPI=1 cargo test contract`, \
         review the diff and commit it\n{}",
        first_difference(&committed, &generated)
    );
}

/// Where two texts first differ, with three lines around it from each.
fn first_difference(committed: &str, generated: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (committed.lines().collect(), generated.lines().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let around = |lines: &[&str], sign: char| {
        let from = at.saturating_sub(3);
        let shown: Vec<String> =
            lines.iter().enumerate().skip(from).take(7).map(|(i, l)| format!("{sign}{:>6} {l}", i + 1)).collect();
        shown.join("\n")
    };
    format!(
        "first difference at line {}:\n--- committed\n{}\n+++ the code\n{}",
        at + 1,
        around(&a, '-'),
        around(&b, '+')
    )
}

#[test]
fn every_operation_is_documented_with_its_errors() {
    let spec: serde_json::Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let name = format!("{method} {path}");
            assert!(operation["summary"].is_string(), "{name} has no summary");
            assert!(operation["tags"].is_array(), "{name} has no tag");
            let responses = operation["responses"].as_object().unwrap();
            if path.starts_with("/api/") {
                for status in ["500", "503"] {
                    assert!(responses.contains_key(status), "{name} does not document {status}");
                }
                let id = operation["operationId"].as_str().unwrap();
                if intercoop_api::auth::access::required_role(id).flatten().is_some() {
                    assert!(responses.contains_key("401") && responses.contains_key("403"), "{name} lacks 401/403");
                }
                assert!(operation["security"].is_array(), "{name} has no security requirement");
            }
            // The OAuth2 token endpoint answers its errors as RFC 6749 says; every other operation, as problems.
            let (media, schema) = match operation["operationId"].as_str() {
                Some("issue_token") => ("application/json", "#/components/schemas/OAuthError"),
                _ => ("application/problem+json", "#/components/schemas/Problem"),
            };
            for (status, response) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(response["content"][media]["schema"]["$ref"], schema, "{name} {status}");
                }
            }
        }
    }
}

db_test! {
    async fn the_served_contract_is_the_committed_one(app) {
        let served = app.get("/api/v1/openapi.json").await.expect(200);
        let committed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
        assert_eq!(served, committed);
    }
}

/// The contract's enumerations list the very strings the service reads and writes.
#[test]
fn enumerations_in_the_contract_are_the_wire_values() {
    use intercoop_domain as d;
    fn wire<T: serde::Serialize>(all: &[T]) -> serde_json::Value {
        serde_json::to_value(all).unwrap()
    }
    let spec: serde_json::Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    for (name, values) in [
        ("ActivityKind", wire(d::ActivityKind::ALL)),
        ("ActivityFormat", wire(d::ActivityFormat::ALL)),
        ("ActivityStatus", wire(d::ActivityStatus::ALL)),
        ("PublicationState", wire(d::PublicationState::ALL)),
        ("DatePrecision", wire(d::DatePrecision::ALL)),
        ("PartnerRole", wire(d::PartnerRole::ALL)),
        ("PartnerKind", wire(d::PartnerKind::ALL)),
        ("GrantStatus", wire(d::GrantStatus::ALL)),
        ("AgreementKind", wire(d::AgreementKind::ALL)),
        ("AgreementStatus", wire(d::AgreementStatus::ALL)),
    ] {
        assert_eq!(schemas[name]["enum"], values, "{name}");
    }
}

/// Every `$ref` of the contract names a component it has.
#[test]
fn every_reference_resolves() {
    fn walk(value: &serde_json::Value, spec: &serde_json::Value, refs: &mut usize) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                    let pointer = target.strip_prefix('#').expect("a local reference");
                    assert!(spec.pointer(pointer).is_some(), "{target} does not resolve");
                    *refs += 1;
                }
                map.values().for_each(|v| walk(v, spec, refs));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, spec, refs)),
            _ => {}
        }
    }
    let spec: serde_json::Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    let mut refs = 0;
    walk(&spec, &spec, &mut refs);
    assert!(refs > 100, "{refs}");
}

/// The contract's request bodies take no field the service would refuse: each object a body is made of lists its
/// fields and closes (`additionalProperties: false`), and each merge patch has a schema of its own.
#[test]
fn request_bodies_are_as_strict_as_the_service() {
    let spec: serde_json::Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    for name in ["ActivityDraft", "PartnerDraft", "LocalizedText", "NewWebhook", "PasswordLogin", "ActivityDraftPatch"]
    {
        assert_eq!(schemas[name]["additionalProperties"], false, "{name}");
    }
    assert!(schemas["ActivityDraftPatch"].get("required").is_none(), "a patch requires nothing");
    assert_eq!(schemas["ActivityDraftPatch"]["properties"]["end_date"]["type"], serde_json::json!(["string", "null"]));
    // Objects merge (RFC 7396): {"title": {"en": ...}} changes the English title alone.
    assert_eq!(schemas["ActivityDraftPatch"]["properties"]["title"]["$ref"], "#/components/schemas/LocalizedTextPatch");
    assert!(schemas["LocalizedTextPatch"].get("required").is_none(), "a nested patch requires nothing");
    assert_eq!(schemas["LocalizedTextPatch"]["properties"]["en"]["type"], serde_json::json!(["string", "null"]));
    assert!(schemas["ActivityResponse"].get("additionalProperties").is_none(), "a record's response is open");
    assert!(schemas["ActivityResponse"]["properties"]["version"].is_object(), "and lists its own fields");
    for item in spec["paths"].as_object().unwrap().values() {
        if let Some(patch) = item.get("patch") {
            let schema = &patch["requestBody"]["content"]["application/merge-patch+json"]["schema"]["$ref"];
            assert!(schema.as_str().is_some_and(|s| s.ends_with("Patch")), "{patch}");
        }
    }
}

/// Each create links to the operations on what it created, and every link names an operation and fills in each of
/// its path parameters.
#[test]
fn creates_link_to_the_operations_on_what_they_created() {
    let spec = intercoop_api::contract::spec_value();
    let mut operations = std::collections::HashMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if let Some(id) = operation["operationId"].as_str() {
                operations.insert(id.to_owned(), (path.clone(), method.clone()));
            }
        }
    }
    let activity = &spec["paths"]["/api/v1/activities"]["post"]["responses"]["201"]["links"];
    for target in ["get_activity", "replace_activity", "patch_activity", "delete_activity", "publish_activity"] {
        assert_eq!(activity[target]["operationId"], target, "{activity}");
        assert_eq!(activity[target]["parameters"], serde_json::json!({"id": "$response.body#/id"}));
    }
    let section = &spec["paths"]["/api/v1/programmes/{id}/sections"]["post"]["responses"]["201"]["links"];
    let expected = serde_json::json!({"id": "$request.path.id", "section_id": "$response.body#/id"});
    assert_eq!(section["get_section"]["parameters"], expected, "{section}");
    let mut creates = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(response) = item.pointer("/post/responses/201") else { continue };
        creates += 1;
        let links = response["links"].as_object().unwrap_or_else(|| panic!("POST {path} has no links"));
        for (name, link) in links {
            let id = link["operationId"].as_str().unwrap();
            let (target, _) = operations.get(id).unwrap_or_else(|| panic!("{name}: no operation {id}"));
            let mut wanted: Vec<&str> =
                target.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n)).collect();
            let mut given: Vec<&str> = link["parameters"].as_object().unwrap().keys().map(String::as_str).collect();
            wanted.sort();
            given.sort();
            assert_eq!(wanted, given, "POST {path} -> {id}");
        }
    }
    assert!(creates >= 11, "{creates} creates");
}

/// Every schema has an example (Spectral checks in CI that each is valid against its schema).
#[test]
fn every_schema_has_an_example() {
    let spec = intercoop_api::contract::spec_value();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let missing: Vec<&String> = schemas
        .iter()
        .filter(|(_, s)| s.get("example").is_none() && s.get("examples").is_none())
        .map(|(n, _)| n)
        .collect();
    assert!(missing.is_empty(), "schemas without an example: {missing:?}");
    assert_eq!(spec["components"]["schemas"]["PartnerDraft"]["example"]["name"]["en"], "Wrocław");
}

/// The rules the contract states on lists, aliases, links and parties (`contract::bounds`).
#[test]
fn the_contract_states_the_rules_on_lists_links_and_parties() {
    let spec = intercoop_api::contract::spec_value();
    let schemas = &spec["components"]["schemas"];
    for (schema, list) in
        [("ActivityDraft", "measure_ids"), ("GrantDraft", "activity_ids"), ("PartnerDraft", "aliases")]
    {
        assert_eq!(schemas[schema]["properties"][list]["uniqueItems"], true, "{schema}.{list}");
    }
    assert_eq!(schemas["PartnerDraft"]["properties"]["aliases"]["items"]["minLength"], 1);
    let link = &schemas["ActivityDraft"]["properties"]["links"]["items"];
    assert!(link["pattern"].as_str().unwrap().starts_with("^https?://"), "{link}");
    let url = &schemas["NewWebhook"]["properties"]["url"];
    assert_eq!(url["maxLength"], 2000);
    assert!(url["pattern"].as_str().unwrap().starts_with("^https?://"), "{url}");
    let party = schemas["AgreementParty"]["oneOf"].as_array().unwrap();
    assert_eq!(party.len(), 2);
    assert_eq!(schemas["AgreementPartyPartner"]["required"], serde_json::json!(["partner_id"]));
    assert_eq!(schemas["AgreementPartyNamed"]["required"], serde_json::json!(["name"]));
}

db_test! {
    async fn what_the_contract_refuses_the_service_refuses(app) {
        use intercoop_tests::Role;
        use serde_json::json;
        let fixture = app.programme_fixture().await;
        let measure = fixture.measure("1.2");
        let activity = |extra: serde_json::Value| {
            let mut body = json!({"title": {"uk": "Зустріч"}, "kind": "meeting", "start_date": "2024-05-01", "measure_ids": [measure]});
            body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            body
        };
        let refused = [
            ("/api/v1/activities", activity(json!({"measure_ids": [measure, measure]})), "measure_ids[1]"),
            ("/api/v1/activities", activity(json!({"links": ["ftp://khm.gov.ua/"]})), "links[0]"),
            ("/api/v1/partners", json!({"name": {"uk": "Вроцлав"}, "kind": "partner_city", "aliases": ["Breslau", "Breslau"]}), "aliases[1]"),
            ("/api/v1/partners", json!({"name": {"uk": "Вроцлав"}, "kind": "partner_city", "aliases": [""]}), "aliases[0]"),
            ("/api/v1/webhooks", json!({"url": " http://127.0.0.1:9/hook", "event_types": ["*"], "active": false}), "url"),
        ];
        for (path, body, field) in refused {
            let response = app.post(path, Role::Admin, &body).await;
            response.expect_problem(422, "validation_failed");
            assert_eq!(response.error_fields(), [field], "{body}");
        }
    }
}
