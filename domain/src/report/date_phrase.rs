//! Dates written as the department writes them in its reports: "26 січня 2024 року", "04-05 березня 2024 року",
//! "30 жовтня – 02 листопада 2024 року", "16 та 23 липня 2024 року"; and the same in English.

use chrono::{Datelike, NaiveDate};

use crate::DatePrecision;

/// The report's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Uk,
    En,
}

const UK_GENITIVE: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];
const UK_LOCATIVE: [&str; 12] = [
    "січні",
    "лютому",
    "березні",
    "квітні",
    "травні",
    "червні",
    "липні",
    "серпні",
    "вересні",
    "жовтні",
    "листопаді",
    "грудні",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One period: a day, or a first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Span {
    fn last(&self) -> NaiveDate {
        self.end.filter(|e| *e > self.start).unwrap_or(self.start)
    }
}

/// The phrase for an activity's dates, or None when the activity has only a year (the report gives no date).
pub fn date_phrase(spans: &[Span], precision: DatePrecision, lang: Lang) -> Option<String> {
    let first = spans.first()?;
    match precision {
        DatePrecision::Year => None,
        DatePrecision::Month => Some(month_phrase(first.start, lang)),
        DatePrecision::Day => Some(days_phrase(spans, lang)),
    }
}

fn month_phrase(date: NaiveDate, lang: Lang) -> String {
    let m = date.month0() as usize;
    match lang {
        Lang::Uk => format!("у {} {} року", UK_LOCATIVE[m], date.year()),
        Lang::En => format!("in {} {}", EN_MONTHS[m], date.year()),
    }
}

fn day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!("{:02}", date.day()),
        Lang::En => date.day().to_string(),
    }
}

fn month(date: NaiveDate, lang: Lang) -> &'static str {
    match lang {
        Lang::Uk => UK_GENITIVE[date.month0() as usize],
        Lang::En => EN_MONTHS[date.month0() as usize],
    }
}

fn year(y: i32, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!("{y} року"),
        Lang::En => y.to_string(),
    }
}

/// One span without its year: "04-05 березня", "30 жовтня – 02 листопада", "26 січня".
fn span_without_year(span: &Span, lang: Lang) -> String {
    let (start, last) = (span.start, span.last());
    let dash = if lang == Lang::Uk { "-" } else { "–" };
    if start == last {
        format!("{} {}", day(start, lang), month(start, lang))
    } else if start.month() == last.month() {
        format!("{}{dash}{} {}", day(start, lang), day(last, lang), month(start, lang))
    } else {
        format!("{} {} – {} {}", day(start, lang), month(start, lang), day(last, lang), month(last, lang))
    }
}

fn days_phrase(spans: &[Span], lang: Lang) -> String {
    let and = if lang == Lang::Uk { "та" } else { "and" };
    let years: Vec<i32> = spans.iter().flat_map(|s| [s.start.year(), s.last().year()]).collect();
    let one_year = years.iter().all(|y| *y == years[0]);
    if one_year {
        let single_days_in_one_month =
            spans.len() > 1 && spans.iter().all(|s| s.start == s.last() && s.start.month() == spans[0].start.month());
        let body = if single_days_in_one_month {
            let days: Vec<String> = spans.iter().map(|s| day(s.start, lang)).collect();
            format!("{} {}", join(&days, and), month(spans[0].start, lang))
        } else {
            let parts: Vec<String> = spans.iter().map(|s| span_without_year(s, lang)).collect();
            join(&parts, and)
        };
        format!("{body} {}", year(years[0], lang))
    } else {
        let parts: Vec<String> = spans
            .iter()
            .map(|s| {
                let (start, last) = (s.start, s.last());
                if start == last {
                    format!("{} {} {}", day(start, lang), month(start, lang), year(start.year(), lang))
                } else if start.year() == last.year() {
                    format!("{} {}", span_without_year(s, lang), year(start.year(), lang))
                } else {
                    format!(
                        "{} {} {} – {} {} {}",
                        day(start, lang),
                        month(start, lang),
                        year(start.year(), lang),
                        day(last, lang),
                        month(last, lang),
                        year(last.year(), lang)
                    )
                }
            })
            .collect();
        join(&parts, and)
    }
}

/// "a", "a та b", "a, b та c".
fn join(parts: &[String], and: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn day_of(s: &str) -> Span {
        Span { start: d(s), end: None }
    }

    fn range(a: &str, b: &str) -> Span {
        Span { start: d(a), end: Some(d(b)) }
    }

    fn uk(spans: &[Span]) -> String {
        date_phrase(spans, DatePrecision::Day, Lang::Uk).unwrap()
    }

    fn en(spans: &[Span]) -> String {
        date_phrase(spans, DatePrecision::Day, Lang::En).unwrap()
    }

    #[test]
    fn ukrainian_phrases_as_the_report_writes_them() {
        assert_eq!(uk(&[day_of("2024-01-26")]), "26 січня 2024 року");
        assert_eq!(uk(&[day_of("2024-12-09")]), "09 грудня 2024 року");
        assert_eq!(uk(&[range("2024-03-04", "2024-03-05")]), "04-05 березня 2024 року");
        assert_eq!(uk(&[range("2024-10-30", "2024-11-02")]), "30 жовтня – 02 листопада 2024 року");
        assert_eq!(uk(&[range("2024-05-31", "2024-06-03")]), "31 травня – 03 червня 2024 року");
        assert_eq!(uk(&[day_of("2024-04-16"), day_of("2024-05-14")]), "16 квітня та 14 травня 2024 року");
        assert_eq!(uk(&[day_of("2024-07-16"), day_of("2024-07-23")]), "16 та 23 липня 2024 року");
        assert_eq!(
            uk(&[range("2024-07-23", "2024-07-26"), range("2024-09-09", "2024-09-13")]),
            "23-26 липня та 09-13 вересня 2024 року"
        );
        assert_eq!(
            uk(&[day_of("2024-07-02"), day_of("2024-07-09"), day_of("2024-07-16")]),
            "02, 09 та 16 липня 2024 року"
        );
        assert_eq!(uk(&[range("2023-12-30", "2024-01-02")]), "30 грудня 2023 року – 02 січня 2024 року");
    }

    #[test]
    fn english_phrases() {
        assert_eq!(en(&[day_of("2024-01-26")]), "26 January 2024");
        assert_eq!(en(&[range("2024-03-04", "2024-03-05")]), "4–5 March 2024");
        assert_eq!(en(&[range("2024-10-30", "2024-11-02")]), "30 October – 2 November 2024");
        assert_eq!(en(&[day_of("2024-07-16"), day_of("2024-07-23")]), "16 and 23 July 2024");
    }

    #[test]
    fn month_and_year_precision() {
        let june = [day_of("2024-06-01")];
        assert_eq!(date_phrase(&june, DatePrecision::Month, Lang::Uk).unwrap(), "у червні 2024 року");
        assert_eq!(date_phrase(&june, DatePrecision::Month, Lang::En).unwrap(), "in June 2024");
        assert_eq!(date_phrase(&[day_of("2024-01-01")], DatePrecision::Year, Lang::Uk), None);
        assert_eq!(date_phrase(&[], DatePrecision::Day, Lang::Uk), None);
    }

    #[test]
    fn an_end_before_or_on_the_start_is_one_day() {
        assert_eq!(uk(&[range("2024-01-26", "2024-01-26")]), "26 січня 2024 року");
    }
}
