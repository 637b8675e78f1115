//! OpenAPI links from each create operation to the operations on what it created: `POST /api/v1/activities`
//! answers 201 with the activity, whose `id` the `GET`, `PUT`, `PATCH`, `DELETE`, publish, history... of
//! `/api/v1/activities/{id}` take; what has no paths of its own (a comment) links to the list it joined. Clients
//! and schemathesis's stateful phase follow them.

use serde_json::{Map, Value, json};

const METHODS: [&str; 5] = ["get", "put", "patch", "post", "delete"];

/// The names of a path's parameters: `/a/{id}/b/{x}` -> `["id", "x"]`.
fn parameters(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name)).collect()
}

/// Adds the links to every create operation's 201 response.
pub fn apply(spec: &mut Value) {
    let paths = spec["paths"].as_object().cloned().unwrap_or_default();
    for (path, item) in &paths {
        if item.pointer("/post/responses/201").is_none() {
            continue;
        }
        let mut links = Map::new();
        for (target, target_item) in &paths {
            // The created record's own paths: this path, one more parameter, and nothing else to fill in.
            let Some(rest) = target.strip_prefix(path.as_str()).and_then(|r| r.strip_prefix("/{")) else { continue };
            let Some((created, tail)) = rest.split_once('}') else { continue };
            if tail.contains('{') {
                continue;
            }
            let mut values = Map::new();
            for name in parameters(target) {
                let value =
                    if name == created { "$response.body#/id".to_owned() } else { format!("$request.path.{name}") };
                values.insert(name.to_owned(), Value::String(value));
            }
            for method in METHODS {
                let Some(operation_id) = target_item.pointer(&format!("/{method}/operationId")).and_then(Value::as_str)
                else {
                    continue;
                };
                let summary = target_item[method]["summary"].as_str().unwrap_or(operation_id);
                links.insert(
                    operation_id.to_owned(),
                    json!({
                        "operationId": operation_id,
                        "parameters": values,
                        "description": format!("{summary}: the record just created."),
                    }),
                );
            }
        }
        // What has no paths of its own (a comment) links to the list it joined.
        if links.is_empty()
            && let Some(operation_id) = item.pointer("/get/operationId").and_then(Value::as_str)
        {
            let values: Map<String, Value> = parameters(path)
                .into_iter()
                .map(|name| (name.to_owned(), Value::String(format!("$request.path.{name}"))))
                .collect();
            let summary = item["get"]["summary"].as_str().unwrap_or(operation_id);
            links.insert(
                operation_id.to_owned(),
                json!({
                    "operationId": operation_id,
                    "parameters": values,
                    "description": format!("{summary}: the list it joined."),
                }),
            );
        }
        if !links.is_empty() {
            spec["paths"][path]["post"]["responses"]["201"]["links"] = Value::Object(links);
        }
    }
}
