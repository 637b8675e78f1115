//! An example for every schema of the contract that its type does not give one: built from the examples of its
//! parts (a property's own example, the first value of an enumeration, a referenced schema's example), with
//! values from the 2024 report where a property's name says what it holds. Spectral checks in CI that each
//! example is valid against its schema (`oas3-valid-schema-example`).

use serde_json::{Map, Value, json};

const PREFIX: &str = "#/components/schemas/";
/// The patterns of free text: no NUL character; and not blank.
const TEXT_PATTERNS: [&str; 2] = ["^[^\\u0000]*$", "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"];

/// Values for properties whose name tells what they hold, when their schema gives no example.
fn by_name(name: &str) -> Option<Value> {
    Some(match name {
        "code" | "measure_code" => json!("1.10"),
        "country" => json!("PL"),
        "currency" => json!("EUR"),
        "amount" => json!("654800.00"),
        "username" | "subject" => json!("olena"),
        "display_name" => json!("Олена Коваль"),
        "email" => json!("olena@khm.gov.ua"),
        "unit" | "owner_unit" => json!("управління економіки"),
        "participants" => json!("Міський голова, заступник міського голови"),
        "instrument" => json!("Програма малих грантів"),
        "file_name" => json!("report-2024.docx"),
        "client_id" => json!("city-website"),
        "year" => json!(2024),
        "start_year" => json!(2021),
        "end_year" => json!(2025),
        "latitude" => json!(49.42),
        "longitude" => json!(26.99),
        "cursor" | "next" => json!("1042_318"),
        "url" | "document_url" | "href" | "links" => json!("https://www.khm.gov.ua/"),
        "aliases" => json!("Breslau"),
        _ => return None,
    })
}

/// Text in both languages for properties whose name tells what they hold.
fn localized_by_name(name: &str) -> Option<Value> {
    let (uk, en) = match name {
        "name" | "city" => ("Вроцлав", "Wrocław"),
        "project_title" => ("Бізнес-хол «Проскурів»", "Proskuriv business hall"),
        "description" => (
            "Делегація міста взяла участь у форумі міст-партнерів.",
            "The city's delegation took part in a forum of partner cities.",
        ),
        "outcome" => ("Підписано меморандум про співпрацю.", "A memorandum of cooperation was signed."),
        _ => return None,
    };
    Some(json!({"uk": uk, "en": en}))
}

/// The example of a schema, or none when one cannot be made (a pattern the value must match, say).
fn example_of(schema: &Value, name: Option<&str>, schemas: &Map<String, Value>, depth: usize) -> Option<Value> {
    if depth > 24 {
        return None;
    }
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    if let Some(first) = schema.get("examples").and_then(|e| e.get(0)) {
        return Some(first.clone());
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if reference == "#/components/schemas/LocalizedText"
            && let Some(text) = name.and_then(localized_by_name)
        {
            return Some(text);
        }
        let target = schemas.get(reference.strip_prefix(PREFIX)?)?;
        return example_of(target, name, schemas, depth + 1);
    }
    if let Some(value) = schema.get("const") {
        return Some(value.clone());
    }
    if let Some(first) = schema.get("enum").and_then(|e| e.as_array()).and_then(|e| e.iter().find(|v| !v.is_null())) {
        return Some(first.clone());
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let mut options = options.iter().filter(|o| o.get("type") != Some(&json!("null")));
            return options.find_map(|o| example_of(o, name, schemas, depth + 1));
        }
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in parts {
            merged.extend(example_of(part, name, schemas, depth + 1)?.as_object()?.clone());
        }
        return Some(Value::Object(merged));
    }
    let kind = match schema.get("type") {
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).find(|t| *t != "null")?,
        Some(Value::String(kind)) => kind.as_str(),
        _ if schema.get("properties").is_some() => "object",
        _ => return None,
    };
    match kind {
        "object" => {
            let mut object = Map::new();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (property, sub) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                match example_of(sub, Some(property), schemas, depth + 1) {
                    Some(value) => {
                        object.insert(property.clone(), value);
                    }
                    None if required.contains(&property.as_str()) => return None,
                    None => {}
                }
            }
            Some(Value::Object(object))
        }
        "array" => {
            let item = example_of(schema.get("items")?, name, schemas, depth + 1)?;
            let at_least = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1).max(1) as usize;
            if at_least > 1 && schema.get("uniqueItems") == Some(&json!(true)) {
                return None;
            }
            Some(if schema.get("maxItems") == Some(&json!(0)) { json!([]) } else { json!(vec![item; at_least]) })
        }
        "string" => string_example(schema, name),
        "integer" | "number" => {
            let named = name.and_then(by_name).filter(Value::is_number);
            let minimum = schema.get("minimum").and_then(Value::as_f64).unwrap_or(1.0).max(1.0);
            let value = named.unwrap_or_else(|| json!(minimum as i64));
            let maximum = schema.get("maximum").and_then(Value::as_f64);
            let fits = maximum.is_none_or(|m| value.as_f64().is_some_and(|v| v <= m));
            Some(if fits { value } else { json!(maximum? as i64) })
        }
        "boolean" => Some(json!(true)),
        _ => None,
    }
}

fn string_example(schema: &Value, name: Option<&str>) -> Option<Value> {
    let by_format = match schema.get("format").and_then(Value::as_str) {
        Some("date") => Some(json!("2024-06-15")),
        Some("date-time") => Some(json!("2024-06-15T09:30:00Z")),
        Some("uuid") => Some(json!("0dde9e4f-93e0-5f80-823f-468390a2fa41")),
        Some("uri") => Some(json!("https://www.khm.gov.ua/")),
        Some("email") => Some(json!("olena@khm.gov.ua")),
        _ => None,
    };
    let text = by_format.or_else(|| name.and_then(by_name).filter(Value::is_string));
    let text = match text {
        Some(text) => text,
        // Text with no rule but that it holds no NUL character (or is not blank either).
        None if schema.get("pattern").and_then(Value::as_str).is_none_or(|p| TEXT_PATTERNS.contains(&p)) => {
            json!(name.map(|n| n.replace('_', " ")).unwrap_or_else(|| "text".into()))
        }
        None => return None,
    };
    let length = text.as_str().map_or(0, |t| t.chars().count()) as u64;
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0);
    let max = schema.get("maxLength").and_then(Value::as_u64).unwrap_or(u64::MAX);
    (min..=max).contains(&length).then_some(text)
}

/// Gives every component schema that has none an example, where one can be made.
pub fn apply(spec: &mut Value) {
    let schemas = spec["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for (name, schema) in &schemas {
        if schema.get("example").is_some() || schema.get("examples").is_some() {
            continue;
        }
        if let Some(example) = example_of(schema, None, &schemas, 0) {
            spec["components"]["schemas"][name]["example"] = example;
        }
    }
}
