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
