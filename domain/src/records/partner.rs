use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::validation::{FieldErrors, check, no_duplicates};
use crate::{CountryCode, LocalizedText, PartnerKind};

/// A point on the map, in WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coordinates {
    /// Degrees north (negative: south).
    #[validate(range(min = -90.0, max = 90.0))]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub latitude: f64,
    /// Degrees east (negative: west).
    #[validate(range(min = -180.0, max = 180.0))]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub longitude: f64,
}

/// A body the council works with: a twin city, a donor, an international organisation, an embassy...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerDraft {
    /// The partner's name; the Ukrainian name is unique among partners (case-insensitive).
    #[validate(nested)]
    pub name: LocalizedText,
    /// Other names and spellings the partner is known by ("НЕФКО", "NEFCO").
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub aliases: Vec<String>,
    /// What sort of body the partner is.
    pub kind: PartnerKind,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "DE"))]
    pub country: Option<CountryCode>,
    /// The city the partner is in (or is).
    #[serde(default)]
    #[validate(nested)]
    pub city: Option<LocalizedText>,
    /// The partner's website.
    #[serde(default)]
    #[validate(custom(function = "crate::validation::web_url"), length(max = 2000))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "^https?://[^/\\s\\u0000][^\\s\\u0000]*$"))]
    pub website: Option<String>,
    /// The partner this one belongs to: Prague 6 within Prague, a project within its donor.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// Since when the council has worked with the partner (for twin cities, the twinning date).
    #[serde(default)]
    pub partner_since: Option<NaiveDate>,
    /// Where the partner is on the map.
    #[serde(default)]
    #[validate(nested)]
    pub coordinates: Option<Coordinates>,
    /// The organisational unit that owns the record.
    #[serde(default)]
    #[validate(length(max = 300))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub owner_unit: Option<String>,
}

impl PartnerDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            for (i, alias) in self.aliases.iter().enumerate() {
                if alias.trim().is_empty() || alias.chars().count() > 500 {
                    errors.add(format!("aliases[{i}]"), "length", "must have between 1 and 500 characters");
                }
            }
            no_duplicates(&self.aliases, "aliases", errors);
            crate::dates::check_plausible("partner_since", self.partner_since, errors);
        })
    }

    /// The key that keeps Ukrainian names unique: trimmed and lower-cased.
    pub fn name_key(&self) -> String {
        self.name.uk.trim().to_lowercase()
    }

    pub fn search_text(&self) -> String {
        let mut s = self.name.search_text();
        for alias in &self.aliases {
            s.push('\n');
            s.push_str(&alias.to_lowercase());
        }
        s
    }
}
