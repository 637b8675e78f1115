//! Reading the console's forms: urlencoded bodies (a field may repeat, as checkboxes do), and the errors of an
//! operation put beside the fields they are about.

pub mod activity;
pub mod partner;

use intercoop_domain::FieldError;
use serde::de::DeserializeOwned;

use crate::i18n::{Lang, Tr};
use crate::page::PageError;

/// A form body as `T`; a body no form of the console sends is refused with 400.
pub fn read<T: DeserializeOwned>(body: &[u8], lang: Lang) -> Result<T, PageError> {
    serde_html_form::from_bytes(body).map_err(|e| PageError::bad_form(lang, e))
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

    /// Places each of `errors` at the input that `place` names for its field (the operation's path, such as
    /// `title.uk` or `measure_ids`).
    pub fn from_fields(tr: Tr, errors: &[FieldError], place: impl Fn(&str) -> String) -> Self {
        let fields = errors.iter().map(|e| (place(&e.field), tr.field_error(&e.field, &e.code, &e.message))).collect();
        Errors { fields, general: None }
    }
}
