//! Reading the console's forms: urlencoded bodies (a field may repeat, as checkboxes do), and the errors of an
//! operation put beside the fields they are about.

pub mod accounts;
pub mod activity;
pub mod agreement;
pub mod grant;
pub mod partner;

use actix_web::http::StatusCode;
use chrono::NaiveDate;
use intercoop_domain::{FieldError, FieldErrors, LocalizedText};
use intercoop_operations::{Error, ErrorCode};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::i18n::{Lang, Tr};
use crate::page::PageError;

/// A form body as `T`; a body no form of the console sends is refused with 400, and so is one holding a character
/// no text may hold (a control character, which only a crafted request sends).
pub fn read<T: DeserializeOwned>(body: &[u8], lang: Lang) -> Result<T, PageError> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).map_err(|e| PageError::bad_form(lang, e))?;
    let forbidden = |text: &String| text.chars().any(intercoop_domain::text::is_forbidden_char);
    if let Some((name, _)) = pairs.iter().find(|(name, value)| forbidden(name) || forbidden(value)) {
        return Err(PageError::bad_form(lang, format!("{name}: U+0000–U+001F")));
    }
    serde_html_form::from_bytes(body).map_err(|e| PageError::bad_form(lang, e))
}

/// A date input (`YYYY-MM-DD`), none when blank; a mistake is added to `errors` at `field`.
pub fn date(value: &str, field: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| errors.add(field, "date", format!("'{value}' is not a date (YYYY-MM-DD)")))
        .ok()
}

/// A choice of a closed vocabulary; a value not among the choices is added to `errors` at `field`.
pub fn vocabulary<T>(value: &str, parse: fn(&str) -> Option<T>, field: &str, errors: &mut FieldErrors) -> Option<T> {
    parse(value).or_else(|| {
        errors.add(field, "invalid", format!("'{value}' is not one of the choices"));
        None
    })
}

/// The record ids ticked (blank ones left out); one that is no id is added to `errors` at `field`.
pub fn ids(values: &[String], field: &str, errors: &mut FieldErrors) -> Vec<Uuid> {
    values
        .iter()
        .filter(|v| !v.is_empty())
        .filter_map(|v| Uuid::parse_str(v).map_err(|_| errors.add(field, "invalid", "not a record id")).ok())
        .collect()
}

/// An input's text, trimmed; none when blank.
pub fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Text in both languages from its two inputs: the Ukrainian as typed (the checks judge it), the English when given.
pub fn text(uk: &str, en: &str) -> LocalizedText {
    LocalizedText { uk: uk.to_owned(), en: optional(en) }
}

/// As [`text`], or none when both inputs are blank.
pub fn optional_text(uk: &str, en: &str) -> Option<LocalizedText> {
    (!uk.trim().is_empty() || !en.trim().is_empty()).then(|| text(uk, en))
}

/// The mistakes of a form's shape (`errors`) with those the draft's own checks find besides (`checked`), so that
/// one save names every mistake; `skip` leaves out what follows from a mistake of shape already named.
pub fn with_checks(
    mut errors: FieldErrors,
    checked: Result<(), FieldErrors>,
    skip: impl Fn(&FieldError) -> bool,
) -> FieldErrors {
    let shape = errors.clone().into_vec();
    for e in checked.err().map(FieldErrors::into_vec).unwrap_or_default() {
        if !skip(&e) && !shape.iter().any(|s| s.field == e.field) {
            errors.add(e.field, &e.code, e.message);
        }
    }
    errors
}

/// A save the operation refused, as the form shows it again: the status, the errors by input, and whether the
/// record changed meanwhile (the page then shows what is stored now and names the version it saw).
pub struct Refusal {
    pub status: StatusCode,
    pub errors: Errors,
    pub clashed: bool,
}

impl Refusal {
    /// The refusal `e` of a save, its field errors placed at their inputs by `place`; an internal failure is an
    /// error page.
    pub fn of(tr: Tr, e: Error, place: impl Fn(&str) -> String) -> Result<Refusal, crate::page::PageError> {
        let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
        let mut errors = Errors::from_fields(tr, &e.errors, place);
        let mut clashed = false;
        errors.general = Some(match e.code {
            ErrorCode::ValidationFailed => tr.t("form-has-errors"),
            ErrorCode::PreconditionFailed | ErrorCode::PreconditionRequired => {
                clashed = true;
                tr.t("form-changed-meanwhile")
            }
            ErrorCode::Internal => return Err(PageError::from_operation(tr.lang, e)),
            _ => PageError::from_operation(tr.lang, e).to_string(),
        });
        Ok(Refusal { status, errors, clashed })
    }
}

/// The errors of a failed save, by the form field they are about, in the reader's words.
#[derive(Debug, Default)]
pub struct Errors {
    pub fields: Vec<(String, String)>,
    /// What is wrong with the form as a whole (a version clash, a rule of the workflow).
    pub general: Option<String>,
}

impl Errors {
    /// The message for `field` (an input's name), if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    /// The attributes that tie an input to its error, when it has one (field names are the form's own).
    pub fn attrs(&self, field: &str) -> String {
        if self.get(field).is_some() {
            format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }

    /// As [`Self::attrs`], for an input that a hint (`{field}-hint`) describes too.
    pub fn attrs_with_hint(&self, field: &str) -> String {
        match self.get(field) {
            Some(_) => format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error {field}-hint\""),
            None => format!(" aria-describedby=\"{field}-hint\""),
        }
    }

    /// Places each of `errors` at the input that `place` names for its field (the operation's path, such as
    /// `title.uk` or `measure_ids`).
    pub fn from_fields(tr: Tr, errors: &[FieldError], place: impl Fn(&str) -> String) -> Self {
        let fields = errors.iter().map(|e| (place(&e.field), tr.field_error(&e.field, &e.code, &e.message))).collect();
        Errors { fields, general: None }
    }
}
