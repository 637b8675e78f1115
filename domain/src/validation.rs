//! Field-level validation errors, gathered so that a client sees every problem of a request at once.

use std::borrow::Cow;

use serde::Serialize;
use validator::{ValidationErrors, ValidationErrorsKind};

/// One problem with one field of a request, by its path ("title.uk", "partners[1].partner_id").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// Every field-level problem found in one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, code, message);
        errors
    }

    pub fn add(&mut self, field: impl Into<String>, code: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), code: code.to_owned(), message: message.into() });
    }

    pub fn extend(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Flattens the validator crate's nested errors into paths, sorted so that output is stable.
    pub fn from_validator(errors: &ValidationErrors) -> Self {
        let mut out = Self::new();
        flatten(errors, "", &mut out);
        out.0.sort_by(|a, b| a.field.cmp(&b.field).then(a.code.cmp(&b.code)));
        out
    }
}

/// Runs the validator crate's derived checks and then the record's own rules.
pub fn check<T: validator::Validate>(value: &T, rules: impl FnOnce(&mut FieldErrors)) -> Result<(), FieldErrors> {
    let mut errors = match value.validate() {
        Ok(()) => FieldErrors::new(),
        Err(e) => FieldErrors::from_validator(&e),
    };
    rules(&mut errors);
    errors.into_result()
}

fn flatten(errors: &ValidationErrors, prefix: &str, out: &mut FieldErrors) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.add(path.clone(), &e.code, message(e));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

fn message(e: &validator::ValidationError) -> String {
    if let Some(m) = &e.message {
        return m.to_string();
    }
    let param = |name: &str| e.params.get(name).map(|v| v.to_string());
    match e.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must have between {min} and {max} characters or items"),
            (Some(min), None) => format!("must have at least {min} characters or items"),
            (None, Some(max)) => format!("must have at most {max} characters or items"),
            _ => "has the wrong length".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            _ => "is out of range".into(),
        },
        "url" => "must be an absolute http or https URL".into(),
        other => format!("is not valid ({other})"),
    }
}

/// Text that is more than white space.
pub fn not_blank(text: &str) -> Result<(), validator::ValidationError> {
    if text.trim().is_empty() {
        Err(validator::ValidationError::new("blank").with_message(Cow::Borrowed("must not be empty or blank")))
    } else {
        Ok(())
    }
}

/// An absolute http(s) URL with a host, no spaces.
pub fn web_url(url: &str) -> Result<(), validator::ValidationError> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.chars().any(char::is_whitespace) => Ok(()),
        _ => Err(validator::ValidationError::new("url")
            .with_message(Cow::Borrowed("must be an absolute http or https URL, such as https://khm.gov.ua/"))),
    }
}

/// Rejects an array that names the same item twice.
pub fn no_duplicates<T: PartialEq>(items: &[T], field: &str, errors: &mut FieldErrors) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            errors.add(format!("{field}[{i}]"), "duplicate", "names an item that appears earlier in the list");
        }
    }
}
