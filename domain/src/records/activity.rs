use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::dates::{DateRange, check_span};
use crate::validation::{FieldErrors, check, no_duplicates};
use crate::{ActivityFormat, ActivityKind, ActivityStatus, CountryCode, DatePrecision, LocalizedText, PartnerRole};

/// Where an activity took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    /// The city.
    #[serde(default)]
    #[validate(nested)]
    pub city: Option<LocalizedText>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "DE"))]
    pub country: Option<CountryCode>,
}

/// A partner's part in an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerLink {
    /// The partner.
    pub partner_id: Uuid,
    /// What the partner did in the activity.
    #[serde(default = "participant")]
    pub role: PartnerRole,
}

fn participant() -> PartnerRole {
    PartnerRole::Participant
}

/// Something the council did under one or more measures: a meeting, a visit, a conference, a signing...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityDraft {
    /// A short title.
    #[validate(nested)]
    pub title: LocalizedText,
    /// What happened, as the report tells it.
    #[serde(default)]
    #[validate(nested)]
    pub description: Option<LocalizedText>,
    /// What kind of event it was.
    pub kind: ActivityKind,
    /// The first day; with month or year precision, the first day of that month or year.
    pub start_date: NaiveDate,
    /// The last day, when the activity lasted more than one day.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// How precisely the dates are known (default `day`).
    #[serde(default)]
    pub date_precision: DatePrecision,
    /// Further periods of an activity held in separate parts ("16 and 23 July").
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub additional_dates: Vec<DateRange>,
    /// In person (default), online or hybrid.
    #[serde(default)]
    pub format: ActivityFormat,
    /// Where it took place.
    #[serde(default)]
    #[validate(nested)]
    pub place: Option<Place>,
    /// The measures the activity carries out; at least one.
    #[validate(length(min = 1, max = 50, message = "names at least one measure (and at most 50)"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub measure_ids: Vec<Uuid>,
    /// The partners involved, each with its role.
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub partners: Vec<PartnerLink>,
    /// Who took part, in free text (officials by their role).
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub participants: Option<String>,
    /// What came of it.
    #[serde(default)]
    #[validate(nested)]
    pub outcome: Option<LocalizedText>,
    /// Web pages about the activity.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub links: Vec<String>,
    /// Planned, done (default) or cancelled.
    #[serde(default)]
    pub status: ActivityStatus,
    /// The organisational unit that owns the record.
    #[serde(default)]
    #[validate(length(max = 300))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub owner_unit: Option<String>,
}

impl ActivityDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            check_span(self.start_date, self.end_date, self.date_precision, "", errors);
            for (i, range) in self.additional_dates.iter().enumerate() {
                check_span(
                    range.start_date,
                    range.end_date,
                    DatePrecision::Day,
                    &format!("additional_dates[{i}]."),
                    errors,
                );
            }
            no_duplicates(&self.measure_ids, "measure_ids", errors);
            let partner_ids: Vec<Uuid> = self.partners.iter().map(|p| p.partner_id).collect();
            no_duplicates(&partner_ids, "partners", errors);
            for (i, link) in self.links.iter().enumerate() {
                if let Err(e) = crate::validation::web_url(link) {
                    errors.add(format!("links[{i}]"), &e.code, e.message.unwrap_or_default());
                }
            }
        })
    }

    /// The last day the activity covers, over all its periods.
    pub fn last_day(&self) -> NaiveDate {
        self.additional_dates
            .iter()
            .map(|r| r.end_date.unwrap_or(r.start_date))
            .chain([self.end_date.unwrap_or(self.start_date)])
            .max()
            .unwrap_or(self.start_date)
    }

    pub fn search_text(&self) -> String {
        let mut s = self.title.search_text();
        for text in [&self.description, &self.outcome].into_iter().flatten() {
            s.push('\n');
            s.push_str(&text.search_text());
        }
        s
    }
}
