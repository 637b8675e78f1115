use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::validation::{FieldErrors, check};
use crate::{CurrencyCode, LocalizedText, MeasureCode, Money};

/// Money planned for a measure in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedFunding {
    /// The budget year.
    #[validate(range(min = 1990, max = 2100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1990, maximum = 2100))]
    pub year: i32,
    /// The exact amount, as a decimal string.
    #[cfg_attr(feature = "openapi", schema(example = "120000.00", pattern = "^[0-9]+(\\.[0-9]+)?$"))]
    pub amount: String,
    /// ISO 4217 currency code.
    #[cfg_attr(feature = "openapi", schema(example = "UAH"))]
    pub currency: CurrencyCode,
    /// Where the money comes from ("бюджет громади", a donor).
    #[serde(default)]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub source: Option<String>,
}

/// A numbered measure of a programme section ("1.2 Проведення виїзних робочих зустрічей ...").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDraft {
    /// The section the measure belongs to; the code's first number is the section's numeral.
    pub section_id: Uuid,
    /// The measure's number in the programme, e.g. "1.10".
    #[cfg_attr(feature = "openapi", schema(example = "1.10"))]
    pub code: MeasureCode,
    /// What the measure is ("Зміст заходу").
    #[validate(nested)]
    pub title: LocalizedText,
    /// The organisational units responsible for carrying it out.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub responsible_units: Vec<String>,
    /// Planned funding by year and source.
    #[serde(default)]
    #[validate(nested, length(max = 100))]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub funding: Vec<PlannedFunding>,
}

impl MeasureDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            for (i, unit) in self.responsible_units.iter().enumerate() {
                if unit.trim().is_empty() || unit.chars().count() > 300 {
                    errors.add(format!("responsible_units[{i}]"), "length", "must have between 1 and 300 characters");
                }
            }
            for (i, f) in self.funding.iter().enumerate() {
                if let Err(message) = Money::parse(&f.amount, f.currency) {
                    errors.add(format!("funding[{i}].amount"), "amount", message);
                }
            }
        })
    }
}
