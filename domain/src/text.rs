use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use validator::Validate;

/// Text the public reads, in Ukrainian (required) and English (optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"uk": "Робоча зустріч з НЕФКО", "en": "Working meeting with NEFCO"})))]
pub struct LocalizedText {
    /// The Ukrainian text; required, not blank.
    #[validate(custom(function = "crate::validation::not_blank"), length(max = 20000))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 20000, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")
    )]
    pub uk: String,
    /// The English text, where there is one.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub en: Option<String>,
}

impl LocalizedText {
    pub fn uk(text: impl Into<String>) -> Self {
        Self { uk: text.into(), en: None }
    }

    /// Both languages, lower-cased, for case-insensitive search in any alphabet.
    pub fn search_text(&self) -> String {
        let mut s = self.uk.to_lowercase();
        if let Some(en) = &self.en {
            s.push('\n');
            s.push_str(&en.to_lowercase());
        }
        s
    }
}

/// A character that text may not hold: the C0 controls but tab, line feed and carriage return, and the
/// noncharacters U+FFFE and U+FFFF. None of them may stand in XML 1.0, so a Word document or a feed that held one
/// would be broken; PostgreSQL text cannot hold NUL at all.
pub fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// `text` without the characters no text may hold (for writers of XML and HTML, whatever is stored).
pub fn without_forbidden(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_forbidden_char) {
        Cow::Owned(text.chars().filter(|c| !is_forbidden_char(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}
