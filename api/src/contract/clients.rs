//! The contract as client generators read it: a list page refers to its record's schema (rather than a copy of it
//! inlined in each page, which generators turn into a model per list), a binary answer (the Word report) is a
//! string of bytes of its media type, not an array of integers, and a form body (OAuth2's token request) is
//! described in place and first, since generators make no model of a schema that only a form uses and take the
//! first media type of a body for its method. A webhook is marked
//! `x-internal`: intercoop sends it, so a generated client has no method for it (its body's model stays).

use serde_json::{Value, json};

const PAGE: &str = "ListResponse_";
const FORM: &str = "application/x-www-form-urlencoded";

/// Points each page's items at the record's schema.
fn list_pages(spec: &mut Value) {
    let Some(schemas) = spec["components"]["schemas"].as_object_mut() else { return };
    let names: Vec<String> = schemas.keys().filter(|n| n.starts_with(PAGE)).cloned().collect();
    for name in names {
        let record = &name[PAGE.len()..];
        if schemas.contains_key(record) {
            schemas[&name]["properties"]["items"]["items"] = json!({"$ref": format!("#/components/schemas/{record}")});
        }
    }
}

fn is_bytes(schema: &Value) -> bool {
    schema["type"] == "array" && schema["items"]["type"] == "integer" && schema["items"]["format"] == "u-int8"
}

/// Describes each answer of bytes as binary.
fn binary_answers(spec: &mut Value) {
    for item in spec["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            let responses = operation.get_mut("responses").and_then(Value::as_object_mut);
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                let contents = response.get_mut("content").and_then(Value::as_object_mut);
                for (media_type, content) in contents.into_iter().flatten() {
                    if is_bytes(&content["schema"]) {
                        content["schema"] =
                            json!({"type": "string", "format": "binary", "contentMediaType": media_type});
                    }
                }
            }
        }
    }
}

/// Puts each form body's schema (and its example) in place of its reference, and drops the component.
fn forms_in_place(spec: &mut Value) {
    let mut moved = Vec::new();
    let schemas = spec["components"]["schemas"].clone();
    for item in spec["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            let form = operation.pointer_mut(&format!("/requestBody/content/{}", FORM.replace('/', "~1")));
            let Some(form) = form else { continue };
            let Some(name) = form["schema"]["$ref"].as_str().and_then(|r| r.rsplit('/').next()).map(str::to_owned)
            else {
                continue;
            };
            let mut schema = schemas[&name].clone();
            if let Some(example) = schema.as_object_mut().and_then(|s| s.remove("example")) {
                form["example"] = example;
            }
            form["schema"] = schema;
            moved.push(name);
            form_first(operation);
        }
    }
    for name in moved {
        if let Some(schemas) = spec["components"]["schemas"].as_object_mut() {
            schemas.remove(&name);
        }
    }
}

/// Puts an operation's form media type before its others.
fn form_first(operation: &mut Value) {
    let Some(content) = operation.pointer_mut("/requestBody/content").and_then(Value::as_object_mut) else { return };
    let mut ordered = serde_json::Map::new();
    if let Some(form) = content.remove(FORM) {
        ordered.insert(FORM.to_owned(), form);
    }
    ordered.append(content);
    *content = ordered;
}

fn webhooks_internal(spec: &mut Value) {
    let webhooks = spec.get_mut("webhooks").and_then(Value::as_object_mut);
    for item in webhooks.into_iter().flat_map(|w| w.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            operation["x-internal"] = json!(true);
        }
    }
}

/// Rewrites the contract for client generators (see the module's documentation).
pub fn apply(spec: &mut Value) {
    list_pages(spec);
    binary_answers(spec);
    forms_in_place(spec);
    webhooks_internal(spec);
}
