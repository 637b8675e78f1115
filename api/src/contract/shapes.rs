//! The shapes of request bodies in the contract, as strict as the service reads them: request schemas take no
//! properties but their own (`additionalProperties: false`), a merge patch is its record's fields, each optional
//! and nullable (`{Name}Patch`), and the responses that flatten a request schema get its properties inline, so
//! that they stay open to their own fields.

use serde_json::{Map, Value, json};

const PREFIX: &str = "#/components/schemas/";

fn referenced(value: &Value) -> Option<&str> {
    value.get("$ref")?.as_str()?.strip_prefix(PREFIX)
}

/// Every component a schema refers to, at any depth.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = referenced(value) {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The component names request bodies use, and every component those refer to.
fn request_components(spec: &Value) -> Vec<String> {
    let mut roots = Vec::new();
    for item in spec["paths"].as_object().into_iter().flat_map(|p| p.values()) {
        for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
            for content in operation["requestBody"]["content"].as_object().into_iter().flat_map(|c| c.values()) {
                references(&content["schema"], &mut roots);
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    while let Some(name) = roots.pop() {
        if seen.contains(&name) {
            continue;
        }
        references(&spec["components"]["schemas"][&name], &mut roots);
        seen.push(name);
    }
    seen
}

fn is_closable(schema: &Value) -> bool {
    schema.get("properties").is_some() && schema.get("additionalProperties").is_none()
}

/// A schema made of request schemas (`allOf`), inlined into one object.
fn inline_all_of(schema: &mut Value, requests: &[String], schemas: &Map<String, Value>) {
    let Some(parts) = schema.get("allOf").and_then(Value::as_array).cloned() else { return };
    if !parts.iter().any(|p| referenced(p).is_some_and(|n| requests.iter().any(|c| c == n))) {
        return;
    }
    let (mut properties, mut required) = (Map::new(), Vec::<Value>::new());
    for part in &parts {
        let part = referenced(part).and_then(|n| schemas.get(n)).unwrap_or(part);
        if let Some(p) = part.get("properties").and_then(Value::as_object) {
            properties.extend(p.clone());
        }
        for r in part.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
    }
    let object = schema.as_object_mut().expect("a schema with allOf is an object");
    object.remove("allOf");
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    object.insert("required".into(), Value::Array(required));
}

/// `property` with each reference to an object schema, alone or among `oneOf`/`anyOf`/`allOf`, turned into a
/// reference to that object's patch.
fn object_patches(property: &Value, schemas: &Map<String, Value>, nested: &mut Vec<String>) -> Value {
    let mut property = property.clone();
    if let Some(target) = referenced(&property).map(str::to_owned) {
        if schemas.get(&target).is_some_and(|s| s.get("properties").is_some()) {
            property["$ref"] = json!(format!("{PREFIX}{target}Patch"));
            nested.push(target);
        }
        return property;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(parts) = property.get_mut(key).and_then(Value::as_array_mut) {
            for part in parts {
                *part = object_patches(part, schemas, nested);
            }
        }
    }
    property
}

/// Inlines every schema made of request schemas, at any depth (a list's items too).
fn inline_everywhere(value: &mut Value, requests: &[String], schemas: &Map<String, Value>) {
    inline_all_of(value, requests, schemas);
    match value {
        Value::Object(map) => map.values_mut().for_each(|v| inline_everywhere(v, requests, schemas)),
        Value::Array(items) => items.iter_mut().for_each(|v| inline_everywhere(v, requests, schemas)),
        _ => {}
    }
}

/// A merge patch of `schema`: its properties, none required, the optional ones nullable (null removes one). A
/// property that is an object merges too (`{"title": {"en": "..."}}` changes the English title alone), so it takes
/// that object's patch, whose name goes to `nested`; lists are replaced whole.
fn patch_of(name: &str, schema: &Value, schemas: &Map<String, Value>, nested: &mut Vec<String>) -> Value {
    let mut properties = Map::new();
    let required = schema["required"].as_array().cloned().unwrap_or_default();
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        let property = &object_patches(property, schemas, nested);
        // A required field may be changed, not removed.
        if required.contains(&json!(name)) {
            properties.insert(name.clone(), property.clone());
            continue;
        }
        let nullable = match property.get("type") {
            Some(Value::Array(types)) if types.contains(&json!("null")) => property.clone(),
            Some(Value::String(t)) => {
                let mut p = property.clone();
                p["type"] = json!([t, "null"]);
                p
            }
            _ if property
                .get("oneOf")
                .is_some_and(|o| o.as_array().is_some_and(|o| o.contains(&json!({"type": "null"})))) =>
            {
                property.clone()
            }
            _ => json!({"oneOf": [property, {"type": "null"}]}),
        };
        properties.insert(name.clone(), nullable);
    }
    json!({
        "type": "object",
        "description": format!("A JSON merge patch (RFC 7396) of a {name}: the fields to change; null removes an optional one."),
        "properties": properties,
        "additionalProperties": false,
    })
}

/// Whether a schema's type is a string (or a string or null).
fn is_string(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.contains(&json!("string")),
        _ => false,
    }
}

/// Text the service reads has no NUL character, and its dates have four-digit years: a pattern says so on each
/// string of a request schema or parameter that has no pattern, format or enumeration of its own.
fn text_patterns(schema: &mut Value) {
    let is_string = is_string(schema);
    match schema {
        Value::Object(map) => {
            if is_string && !map.contains_key("pattern") && !map.contains_key("enum") {
                match map.get("format").and_then(Value::as_str) {
                    None => {
                        map.insert("pattern".into(), json!("^[^\\u0000]*$"));
                    }
                    Some("date") => {
                        map.insert("pattern".into(), json!("^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$"));
                    }
                    Some(_) => {}
                }
            }
            map.iter_mut().filter(|(k, _)| *k != "example" && *k != "examples").for_each(|(_, v)| text_patterns(v));
        }
        Value::Array(items) => items.iter_mut().for_each(text_patterns),
        _ => {}
    }
}

/// A query parameter's text is at most `QUERY_VALUE_MAX` characters, as the service reads it.
fn query_value_length(schema: &mut Value) {
    if is_string(schema) && schema.get("maxLength").is_none() && schema.get("enum").is_none() {
        schema["maxLength"] = json!(crate::http::extract::QUERY_VALUE_MAX);
    }
}

/// Rewrites the contract's request shapes (see the module's documentation).
pub fn apply(spec: &mut Value) {
    // Merge patches: the schema each declares becomes its patch schema.
    let mut patches = Vec::new();
    for item in spec["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        let Some(content) = item.pointer_mut("/patch/requestBody/content/application~1merge-patch+json") else {
            continue;
        };
        let Some(name) = referenced(&content["schema"]).map(str::to_owned) else { continue };
        content["schema"] = json!({"$ref": format!("{PREFIX}{name}Patch")});
        patches.push(name);
    }
    let schemas = spec["components"]["schemas"].as_object().cloned().unwrap_or_default();
    let mut made = std::collections::HashSet::new();
    let mut next = 0;
    while let Some(name) = patches.get(next).cloned() {
        next += 1;
        if made.insert(name.clone()) {
            let patch = patch_of(&name, &schemas[&name], &schemas, &mut patches);
            spec["components"]["schemas"][format!("{name}Patch")] = patch;
        }
    }
    let requests = request_components(spec);
    let schemas = spec["components"]["schemas"].as_object().cloned().unwrap_or_default();
    inline_everywhere(spec, &requests, &schemas);
    for name in &requests {
        let schema = &mut spec["components"]["schemas"][name];
        if is_closable(schema) {
            schema["additionalProperties"] = json!(false);
        }
        text_patterns(schema);
    }
    for item in spec["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if parameter["in"] == "query" {
                    text_patterns(&mut parameter["schema"]);
                    query_value_length(&mut parameter["schema"]);
                }
            }
        }
    }
}
