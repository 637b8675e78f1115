//! The role table (`intercoop_api::auth::access::TABLE`) against the running service: every operation of the contract,
//! called by every role, answers 401, 403 or neither exactly as the table says.

use intercoop_api::auth::access::{TABLE, required_role};
use intercoop_tests::{Role, db_test};
use reqwest::Method;
use serde_json::Value;

fn operations() -> Vec<(Method, String, String)> {
    let spec: Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            out.push((method, path.clone(), operation["operationId"].as_str().unwrap().to_owned()));
        }
    }
    out
}

#[test]
fn the_table_names_every_operation_and_no_other() {
    let ids: Vec<String> = operations().into_iter().map(|(_, _, id)| id).collect();
    for id in &ids {
        assert!(required_role(id).is_some(), "{id} is not in the role table");
    }
    for (id, _) in TABLE {
        assert!(ids.iter().any(|i| i == id), "the role table names {id}, which the contract does not have");
    }
}

#[test]
fn the_contract_states_each_operations_role() {
    let spec: Value = serde_json::from_str(&intercoop_api::contract::spec_json()).unwrap();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap();
            let role = required_role(id).unwrap();
            let stated = operation["x-required-role"].as_str().unwrap();
            assert_eq!(stated, role.map_or("anonymous", |r| r.as_str()), "{id}");
            let security = operation["security"].as_array().unwrap();
            assert_eq!(
                security.iter().any(|s| s.as_object().unwrap().is_empty()),
                role.is_none(),
                "{id}: anonymous access"
            );
        }
    }
}

db_test! {
    async fn every_operation_answers_each_role_as_the_table_says(app) {
        let id = "0190f5a0-0000-7000-8000-000000000001";
        let mut checked = 0;
        for (method, template, operation) in operations() {
            let path = template.replace("{id}", id).replace("{section_id}", id).replace("{delivery_id}", id).replace("{year}", "2024");
            let required = required_role(&operation).unwrap();
            for caller in [None, Some(Role::Viewer), Some(Role::Editor), Some(Role::Publisher), Some(Role::Admin)] {
                let response = if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
                    app.call_raw(method.clone(), &path, caller, "application/json", b"{}".to_vec()).await
                } else {
                    app.call(method.clone(), &path, caller, None).await
                };
                let status = response.status.as_u16();
                let who = caller.map_or("anonymous", |r| r.as_str());
                match (required, caller) {
                    (Some(_), None) => assert_eq!(status, 401, "{operation} as {who}: {}", response.text),
                    (Some(needed), Some(role)) if role < needed => assert_eq!(status, 403, "{operation} as {who}: {}", response.text),
                    _ => assert!(status != 401 && status != 403, "{operation} as {who} got {status}: {}", response.text),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, TABLE.len() * 5);
    }
}
