use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::validation::{FieldErrors, check, no_duplicates};
use crate::{CurrencyCode, GrantStatus, LocalizedText, Money};

/// Money from a donor for a project ("грантове фінансування (654,8 тис. євро)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantDraft {
    /// The partner that gives the money.
    pub donor_id: Uuid,
    /// The donor's instrument or programme ("SRER", "Житло для ВПО").
    #[serde(default)]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub instrument: Option<String>,
    /// The funded project's title.
    #[validate(nested)]
    pub project_title: LocalizedText,
    /// What the money is for.
    #[serde(default)]
    #[validate(nested)]
    pub description: Option<LocalizedText>,
    /// The exact amount as a decimal string, with no more decimals than the currency has.
    #[cfg_attr(feature = "openapi", schema(example = "654800.00", pattern = "^[0-9]+(\\.[0-9]+)?$"))]
    pub amount: String,
    /// ISO 4217 currency code.
    #[cfg_attr(feature = "openapi", schema(example = "EUR"))]
    pub currency: CurrencyCode,
    /// Applied, awarded, in progress, completed or rejected.
    pub status: GrantStatus,
    /// The day the application went in.
    #[serde(default)]
    pub applied_on: Option<NaiveDate>,
    /// The day the grant was awarded.
    #[serde(default)]
    pub awarded_on: Option<NaiveDate>,
    /// The first day of the funded project.
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// The last day of the funded project.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// The measures the grant serves.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub measure_ids: Vec<Uuid>,
    /// The activities the grant paid for or came from.
    #[serde(default)]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub activity_ids: Vec<Uuid>,
    /// The organisational unit that owns the record.
    #[serde(default)]
    #[validate(length(max = 300))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub owner_unit: Option<String>,
}

impl GrantDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            if let Err(message) = Money::parse(&self.amount, self.currency) {
                errors.add("amount", "amount", message);
            }
            if let (Some(start), Some(end)) = (self.start_date, self.end_date)
                && end < start
            {
                errors.add("end_date", "end_before_start", format!("{end} is before the start date {start}"));
            }
            if let (Some(applied), Some(awarded)) = (self.applied_on, self.awarded_on)
                && awarded < applied
            {
                errors.add("awarded_on", "before_applied", format!("{awarded} is before the application {applied}"));
            }
            no_duplicates(&self.measure_ids, "measure_ids", errors);
            for (field, date) in [
                ("applied_on", self.applied_on),
                ("awarded_on", self.awarded_on),
                ("start_date", self.start_date),
                ("end_date", self.end_date),
            ] {
                crate::dates::check_plausible(field, date, errors);
            }
            no_duplicates(&self.activity_ids, "activity_ids", errors);
        })
    }

    /// The amount as exact money; only call on a checked draft.
    pub fn money(&self) -> Option<Money> {
        Money::parse(&self.amount, self.currency).ok()
    }

    pub fn search_text(&self) -> String {
        let mut s = self.project_title.search_text();
        if let Some(d) = &self.description {
            s.push('\n');
            s.push_str(&d.search_text());
        }
        if let Some(i) = &self.instrument {
            s.push('\n');
            s.push_str(&i.to_lowercase());
        }
        s
    }
}
