use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::validation::{FieldErrors, check};
use crate::{LocalizedText, MeasureCode};

/// The council decision that approved a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilDecision {
    /// The decision's number, as the council writes it ("7").
    #[validate(custom(function = "crate::validation::not_blank"), length(max = 100))]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 100, pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$", example = "7")
    )]
    pub number: String,
    /// The day of the council session that took the decision.
    pub date: NaiveDate,
}

/// A multi-year programme of the council, e.g. "Програма міжнародного співробітництва та промоції ... на 2021-2025 роки".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeDraft {
    /// The programme's full name.
    #[validate(nested)]
    pub title: LocalizedText,
    /// The first year the programme runs.
    #[validate(range(min = 1990, max = 2100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1990, maximum = 2100))]
    pub first_year: i32,
    /// The last year the programme runs.
    #[validate(range(min = 1990, max = 2100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1990, maximum = 2100))]
    pub last_year: i32,
    /// The council decision that approved it.
    #[serde(default)]
    #[validate(nested)]
    pub decision: Option<CouncilDecision>,
    /// The organisational unit that owns the programme and compiles its report.
    #[serde(default)]
    #[validate(length(max = 300))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub owner_unit: Option<String>,
}

impl ProgrammeDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            crate::dates::check_plausible("decision.date", self.decision.as_ref().map(|d| d.date), errors);
            if self.last_year < self.first_year {
                errors.add("last_year", "before_first_year", "the last year is before the first year");
            }
        })
    }

    pub fn runs_in(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// A section of a programme, numbered in Roman numerals ("I. Міжнародне співробітництво").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionDraft {
    /// The section's Roman numeral: "I", "II", ... Its measures' codes start with its value (1.x under I).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(X{1,3}(IX|IV|V?I{0,3})|IX|IV|VI{0,3}|I{1,3})$", example = "II")
    )]
    pub number: String,
    /// The section's title.
    #[validate(nested)]
    pub title: LocalizedText,
}

impl SectionDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            if roman_value(&self.number).is_none() {
                errors.add("number", "not_roman", format!("'{}' is not a Roman numeral from I to XXXIX", self.number));
            }
        })
    }

    /// The section's position: 1 for "I".
    pub fn position(&self) -> Option<u16> {
        roman_value(&self.number)
    }

    /// Whether a measure with this code belongs here: 1.x under section I.
    pub fn accepts(&self, code: MeasureCode) -> bool {
        self.position() == Some(code.section())
    }
}

/// The value of a Roman numeral from I to XXXIX, written canonically.
pub fn roman_value(numeral: &str) -> Option<u16> {
    (1..40u16).find(|n| roman_numeral(*n).is_some_and(|r| r == numeral))
}

/// The Roman numeral of 1 to 39.
pub fn roman_numeral(n: u16) -> Option<String> {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    (1..40).contains(&n).then(|| format!("{}{}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("I"), Some(1));
        assert_eq!(roman_numeral(14).as_deref(), Some("XIV"));
        assert_eq!(roman_numeral(0), None);
        assert_eq!(roman_value("II"), Some(2));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("i"), None);
        assert_eq!(roman_value(""), None);
    }

    #[test]
    fn section_accepts_its_measures() {
        let s = SectionDraft { number: "II".into(), title: LocalizedText::uk("Промоція міста") };
        assert!(s.accepts(MeasureCode::parse("2.6").unwrap()));
        assert!(!s.accepts(MeasureCode::parse("1.6").unwrap()));
    }
}
