//! Reading records from JSON strictly, for the API and for datasets alike.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::FieldErrors;

/// Reads a JSON value as `T`, strictly: wrong types, unknown fields and control characters are validation errors with
/// their paths. Unknown fields are found by writing `T` back out: any key the input has that the output lacks.
pub fn from_value<T: DeserializeOwned + Serialize>(value: Value) -> Result<T, FieldErrors> {
    let mut errors = FieldErrors::new();
    forbidden_characters(&value, "", &mut errors);
    errors.into_result()?;
    let parsed: T = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        FieldErrors::single(field, "invalid", strip_position(&e.into_inner().to_string()))
    })?;
    check_known_fields(&value, &serde_json::to_value(&parsed).expect("records serialize"))?;
    Ok(parsed)
}

/// The fields `input` names that `known` (a record written out) does not have, as validation errors with their
/// paths.
pub fn check_known_fields(input: &Value, known: &Value) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    unknown_fields(input, known, "", &mut errors);
    errors.into_result()
}

/// Text with a control character is refused up front: PostgreSQL cannot store NUL, and no XML (a Word report, a
/// feed) may hold the others (see [`crate::text::is_forbidden_char`]).
fn forbidden_characters(value: &Value, path: &str, errors: &mut FieldErrors) {
    match value {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|c| crate::text::is_forbidden_char(*c)) {
                forbidden(c, path, "the text", errors);
            }
        }
        Value::Object(fields) => {
            for (key, value) in fields {
                let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                if let Some(c) = key.chars().find(|c| crate::text::is_forbidden_char(*c)) {
                    forbidden(c, &field, "the field name", errors);
                }
                forbidden_characters(value, &field, errors);
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                forbidden_characters(value, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

fn forbidden(c: char, field: &str, what: &str, errors: &mut FieldErrors) {
    match c {
        '\0' => errors.add(field, "nul_character", format!("{what} contains a NUL character")),
        c => errors.add(
            field,
            "control_character",
            format!("{what} contains the control character U+{:04X}, which text may not hold", c as u32),
        ),
    }
}

fn unknown_fields(input: &Value, known: &Value, path: &str, errors: &mut FieldErrors) {
    match (input, known) {
        (Value::Object(input), Value::Object(known)) => {
            for (key, value) in input {
                let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match known.get(key) {
                    Some(known) => unknown_fields(value, known, &field, errors),
                    None => errors.add(field, "unknown_field", "is not a field of this record (or may not be set)"),
                }
            }
        }
        (Value::Array(input), Value::Array(known)) => {
            for (i, (value, known)) in input.iter().zip(known).enumerate() {
                unknown_fields(value, known, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

/// serde_json appends " at line 1 column 42" to data errors; the field path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
