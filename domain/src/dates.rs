use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{DatePrecision, FieldErrors};

/// A further period of an activity held in separate parts ("16 and 23 July").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateRange {
    /// First day of the period.
    pub start_date: NaiveDate,
    /// Last day of the period, when it lasts more than one day.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
}

impl DateRange {
    /// The period in ISO 8601: the day, or the first and last days as an interval (`2024-07-23/2024-07-26`).
    pub fn iso(&self) -> String {
        match self.end_date {
            Some(end) => format!("{}/{end}", self.start_date),
            None => self.start_date.to_string(),
        }
    }

    /// Reads what [`DateRange::iso`] writes.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let (start, end) = match text.split_once('/') {
            Some((start, end)) => (start, Some(end.parse().ok()?)),
            None => (text, None),
        };
        Some(Self { start_date: start.parse().ok()?, end_date: end })
    }
}

/// A date written to its precision, as ISO 8601 allows: `2024-05-14`, `2024-05` or `2024`.
pub fn iso_to_precision(date: NaiveDate, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => date.to_string(),
        DatePrecision::Month => date.format("%Y-%m").to_string(),
        DatePrecision::Year => date.format("%Y").to_string(),
    }
}

/// Checks a start and optional end date against each other and against their precision: a month-precise date is
/// the first of its month, a year-precise date the first of January.
pub fn check_span(
    start: NaiveDate,
    end: Option<NaiveDate>,
    precision: DatePrecision,
    prefix: &str,
    errors: &mut FieldErrors,
) {
    check_plausible(&format!("{prefix}start_date"), Some(start), errors);
    check_plausible(&format!("{prefix}end_date"), end, errors);
    if let Some(end) = end
        && end < start
    {
        errors.add(format!("{prefix}end_date"), "end_before_start", format!("{end} is before the start date {start}"));
    }
    let aligned = match precision {
        DatePrecision::Day => true,
        DatePrecision::Month => start.day() == 1,
        DatePrecision::Year => start.day() == 1 && start.month() == 1,
    };
    if !aligned {
        errors.add(
            format!("{prefix}start_date"),
            "precision_mismatch",
            format!(
                "with date_precision '{precision}' the start date is the first day of its {}",
                if precision == DatePrecision::Month { "month" } else { "year" }
            ),
        );
    }
}

/// The years a stored date may have: four-digit years, which both databases and ISO 8601 readers take.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Adds an error when a date's year is outside `YEARS`.
pub fn check_plausible(field: &str, date: Option<NaiveDate>, errors: &mut FieldErrors) {
    if let Some(date) = date
        && !YEARS.contains(&date.year())
    {
        errors.add(field, "out_of_range", format!("{date} is outside the years 1000 to 9999"));
    }
}

/// Whether a span overlaps a calendar year.
pub fn overlaps_year(start: NaiveDate, end: Option<NaiveDate>, year: i32) -> bool {
    start.year() <= year && end.unwrap_or(start).year() >= year
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_and_precise_dates_in_iso_8601() {
        let range = DateRange { start_date: d("2024-07-23"), end_date: Some(d("2024-07-26")) };
        assert_eq!(range.iso(), "2024-07-23/2024-07-26");
        assert_eq!(DateRange::parse_iso(&range.iso()), Some(range));
        let day = DateRange { start_date: d("2024-05-14"), end_date: None };
        assert_eq!(DateRange::parse_iso(&day.iso()), Some(day));
        assert_eq!(DateRange::parse_iso("2024-05-14/"), None);
        assert_eq!(iso_to_precision(d("2024-05-01"), DatePrecision::Month), "2024-05");
        assert_eq!(iso_to_precision(d("2024-01-01"), DatePrecision::Year), "2024");
        assert_eq!(iso_to_precision(d("2024-01-01"), DatePrecision::Day), "2024-01-01");
    }

    #[test]
    fn end_before_start_is_an_error() {
        let mut e = FieldErrors::new();
        check_span(d("2024-03-05"), Some(d("2024-03-04")), DatePrecision::Day, "", &mut e);
        assert_eq!(e.errors()[0].field, "end_date");
        assert_eq!(e.errors()[0].code, "end_before_start");
    }

    #[test]
    fn precision_must_match_the_start_date() {
        let mut e = FieldErrors::new();
        check_span(d("2024-06-01"), None, DatePrecision::Month, "", &mut e);
        check_span(d("2024-01-01"), Some(d("2024-12-31")), DatePrecision::Year, "", &mut e);
        assert!(e.is_empty());
        check_span(d("2024-06-02"), None, DatePrecision::Month, "", &mut e);
        check_span(d("2024-02-01"), None, DatePrecision::Year, "", &mut e);
        assert_eq!(e.errors().len(), 2);
    }

    #[test]
    fn year_overlap() {
        assert!(overlaps_year(d("2023-12-30"), Some(d("2024-01-02")), 2024));
        assert!(!overlaps_year(d("2014-09-25"), None, 2024));
    }
}
