//! The date phrases of the department's reports, read back into dates: "26 січня 2024 року", "09.12.2024 року",
//! "04-05 березня 2024 року", "30 жовтня-02 листопада 2024 року", "31 травня – 3 червня 2024 року", "16 квітня,
//! 14 травня 2024 року", "16 та 23 липня 2024 року", "23-26 липня 2024 року та 09-13 вересня 2024 року", "27
//! жовтня" (the report's year), "у березні 2024 року" (a month). A pure function of the text and the report's year.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::DatePrecision;
use crate::dates::DateRange;

/// The dates a phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDates {
    /// The periods, in the order the phrase names them; the first is the activity's own, the rest its further
    /// periods.
    pub periods: Vec<DateRange>,
    pub precision: DatePrecision,
    /// No year was written: the report's year was taken.
    pub year_implied: bool,
    /// Some date lies outside the report's year (a slip such as "2014" in a 2024 report, or an event that
    /// runs into the next year): import it, and flag it.
    pub outside_year: bool,
    /// Where in the text the phrase stands (byte offsets).
    pub span: Range<usize>,
}

const MONTHS: [(&str, u32); 24] = [
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // "у березні", "в липні": a whole month.
    ("січні", 101),
    ("лютому", 102),
    ("березні", 103),
    ("квітні", 104),
    ("травні", 105),
    ("червні", 106),
    ("липні", 107),
    ("серпні", 108),
    ("вересні", 109),
    ("жовтні", 110),
    ("листопаді", 111),
    ("грудні", 112),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// A number of one or two digits: a day.
    Day(u32),
    /// Four digits: a year.
    Year(i32),
    /// dd.mm.yyyy
    Numeric(u32, u32, i32),
    /// A month in the genitive ("березня").
    Month(u32),
    /// A month in the locative ("у березні"): the whole month.
    WholeMonth(u32),
    Dash,
    /// "," "та" "і" "й"
    And,
    /// "року", "р.", "рік": read past.
    YearWord,
    Other,
}

fn tokens(text: &str) -> Vec<(Token, Range<usize>)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() || (d == '.' && text[i + 1..].starts_with(|n: char| n.is_ascii_digit())) {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            let token = match word.split('.').collect::<Vec<_>>()[..] {
                [d] if d.len() <= 2 => Token::Day(d.parse().unwrap_or(0)),
                [y] if y.len() == 4 => Token::Year(y.parse().unwrap_or(0)),
                [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
                    Token::Numeric(d.parse().unwrap_or(0), m.parse().unwrap_or(0), y.parse().unwrap_or(0))
                }
                _ => Token::Other,
            };
            out.push((token, start..end));
            continue;
        }
        if matches!(c, '-' | '–' | '—') {
            chars.next();
            out.push((Token::Dash, start..start + c.len_utf8()));
            continue;
        }
        if c == ',' {
            chars.next();
            out.push((Token::And, start..start + 1));
            continue;
        }
        let mut end = start;
        while let Some(&(i, w)) = chars.peek() {
            if w.is_alphabetic() || w == '\'' || w == '’' {
                end = i + w.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if end == start {
            chars.next();
            end = start + c.len_utf8();
            // "р." after a year
            out.push((Token::Other, start..end));
            continue;
        }
        let word = text[start..end].to_lowercase();
        let token = match word.as_str() {
            "та" | "і" | "й" => Token::And,
            "року" | "рік" | "р" | "роках" => Token::YearWord,
            w => match MONTHS.iter().find(|(name, _)| *name == w) {
                Some((_, m)) if *m > 100 => Token::WholeMonth(m - 100),
                Some((_, m)) => Token::Month(*m),
                None => Token::Other,
            },
        };
        if token == Token::YearWord && text[end..].starts_with('.') {
            end += 1;
            chars.next();
        }
        out.push((token, start..end));
    }
    out
}

#[derive(Debug, Clone, Copy, Default)]
struct Partial {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

struct Parser<'t> {
    tokens: &'t [(Token, Range<usize>)],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.at).map(|(t, _)| *t)
    }

    fn skip_year_words(&mut self) {
        while self.peek() == Some(Token::YearWord) {
            self.at += 1;
        }
    }

    /// A day with what follows it of a month and a year, or a numeric date.
    fn endpoint(&mut self) -> Option<Partial> {
        match self.peek()? {
            Token::Numeric(d, m, y) => {
                self.at += 1;
                self.skip_year_words();
                Some(Partial { day: Some(d), month: Some(m), year: Some(y) })
            }
            Token::Day(d) => {
                self.at += 1;
                let mut p = Partial { day: Some(d), ..Default::default() };
                if let Some(Token::Month(m)) = self.peek() {
                    self.at += 1;
                    p.month = Some(m);
                    if let Some(Token::Year(y)) = self.peek() {
                        self.at += 1;
                        p.year = Some(y);
                        self.skip_year_words();
                    }
                }
                Some(p)
            }
            _ => None,
        }
    }

    /// One date or one range.
    fn item(&mut self) -> Option<(Partial, Option<Partial>)> {
        let start = self.endpoint()?;
        if self.peek() == Some(Token::Dash) {
            let back = self.at;
            self.at += 1;
            match self.endpoint() {
                Some(end) => return Some((start, Some(end))),
                None => self.at = back,
            }
        }
        Some((start, None))
    }
}

/// Fills what an endpoint leaves out from the one after it ("16 та 23 липня", "04-05 березня 2024").
fn inherit(p: &mut Partial, from: &Partial) {
    if p.month.is_none() {
        p.month = from.month;
    }
    if p.year.is_none() {
        p.year = from.year;
    }
}

fn parse_at(tokens: &[(Token, Range<usize>)], first: usize, year: i32) -> Option<FoundDates> {
    // "у березні 2024 року": a month.
    if let Some((Token::WholeMonth(m), range)) = tokens.get(first) {
        let (y, mut end, implied) = match tokens.get(first + 1) {
            Some((Token::Year(y), r)) => (*y, r.end, false),
            _ => (year, range.end, true),
        };
        if !implied && let Some((Token::YearWord, r)) = tokens.get(first + 2) {
            end = r.end;
        }
        let start = NaiveDate::from_ymd_opt(y, *m, 1)?;
        return Some(FoundDates {
            periods: vec![DateRange { start_date: start, end_date: None }],
            precision: DatePrecision::Month,
            year_implied: implied,
            outside_year: y != year,
            span: range.start..end,
        });
    }
    let mut parser = Parser { tokens, at: first };
    let mut items = vec![parser.item()?];
    let mut end = parser.at;
    loop {
        let back = parser.at;
        while parser.peek() == Some(Token::And) {
            parser.at += 1;
        }
        if parser.at == back {
            break;
        }
        match parser.item() {
            Some(item) => {
                items.push(item);
                end = parser.at;
            }
            None => break,
        }
    }
    let written = items.clone();
    // Right to left: each endpoint takes the month and year it leaves out from the next one.
    let mut next: Option<Partial> = None;
    for (start, end) in items.iter_mut().rev() {
        if let Some(end) = end.as_mut() {
            if let Some(n) = &next {
                inherit(end, n);
            }
            inherit(start, end);
            next = Some(*start);
        } else {
            if let Some(n) = &next {
                inherit(start, n);
            }
            next = Some(*start);
        }
    }
    let year_implied = items.iter().any(|(s, e)| s.year.is_none() || e.is_some_and(|e| e.year.is_none()));
    let date = |p: &Partial| -> Option<NaiveDate> { NaiveDate::from_ymd_opt(p.year.unwrap_or(year), p.month?, p.day?) };
    let mut periods = Vec::new();
    for ((start, end), (written_start, _)) in items.iter().zip(&written) {
        let mut from = date(start)?;
        let to = match end {
            Some(e) => {
                let to = date(e)?;
                // "30 грудня - 2 січня 2025": the year written once belongs to the end.
                if from > to && written_start.year.is_none() {
                    from = from.with_year(from.year() - 1)?;
                }
                (to > from).then_some(to)
            }
            None => None,
        };
        periods.push(DateRange { start_date: from, end_date: to });
    }
    let outside_year =
        periods.iter().any(|p| p.start_date.year() != year || p.end_date.is_some_and(|e| e.year() != year));
    let span = tokens[first].1.start..tokens[end - 1].1.end;
    Some(FoundDates { periods, precision: DatePrecision::Day, year_implied, outside_year, span })
}

/// The first date phrase in `text`, read with `year` as the report's year; none when the text names no date.
pub fn find_dates(text: &str, year: i32) -> Option<FoundDates> {
    let tokens = tokens(text);
    (0..tokens.len())
        .filter(|&i| matches!(tokens[i].0, Token::Day(_) | Token::Numeric(..) | Token::WholeMonth(_)))
        .find_map(|i| parse_at(&tokens, i, year))
}

/// The dates of a text that should be a date phrase and nothing more; none when it is not one.
pub fn parse_dates(text: &str, year: i32) -> Option<FoundDates> {
    let found = find_dates(text, year)?;
    let rest = matches!(text[..found.span.start].trim(), "" | "у" | "в" | "У" | "В")
        && text[found.span.end..].trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ',').is_empty();
    rest.then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn periods(text: &str) -> Vec<(NaiveDate, Option<NaiveDate>)> {
        let found = parse_dates(text, 2024).unwrap_or_else(|| panic!("'{text}' does not parse"));
        found.periods.iter().map(|p| (p.start_date, p.end_date)).collect()
    }

    #[test]
    fn reads_every_form_of_the_2024_report() {
        type Periods<'a> = &'a [(&'a str, Option<&'a str>)];
        let cases: &[(&str, Periods)] = &[
            ("26 січня 2024 року", &[("2024-01-26", None)]),
            ("09.12.2024 року", &[("2024-12-09", None)]),
            ("04-05 березня 2024 року", &[("2024-03-04", Some("2024-03-05"))]),
            ("30 жовтня-02 листопада 2024 року", &[("2024-10-30", Some("2024-11-02"))]),
            ("31 травня – 3 червня 2024 року", &[("2024-05-31", Some("2024-06-03"))]),
            ("16 квітня, 14 травня 2024 року", &[("2024-04-16", None), ("2024-05-14", None)]),
            ("16 та 23 липня 2024 року", &[("2024-07-16", None), ("2024-07-23", None)]),
            (
                "23-26 липня 2024 року та 09-13 вересня 2024 року",
                &[("2024-07-23", Some("2024-07-26")), ("2024-09-09", Some("2024-09-13"))],
            ),
            ("27 жовтня", &[("2024-10-27", None)]),
            ("26 січня 2024 р.", &[("2024-01-26", None)]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(NaiveDate, Option<NaiveDate>)> =
                expected.iter().map(|(s, e)| (d(s), e.map(d))).collect();
            assert_eq!(periods(text), expected, "{text}");
        }
    }

    #[test]
    fn flags_an_implied_year_and_a_date_outside_the_reports_year() {
        let implied = parse_dates("27 жовтня", 2024).unwrap();
        assert!(implied.year_implied && !implied.outside_year);
        let slip = parse_dates("14 березня 2014 року", 2024).unwrap();
        assert_eq!(slip.periods[0].start_date, d("2014-03-14"));
        assert!(slip.outside_year && !slip.year_implied);
        let across = parse_dates("30 грудня 2024 року - 2 січня 2025 року", 2024).unwrap();
        assert_eq!(across.periods[0].end_date, Some(d("2025-01-02")));
        assert!(across.outside_year);
        let back = parse_dates("30 грудня - 2 січня 2025 року", 2024).unwrap();
        assert_eq!(back.periods[0].start_date, d("2024-12-30"));
    }

    #[test]
    fn reads_a_month_and_finds_a_phrase_inside_a_sentence() {
        let month = parse_dates("у березні 2024 року", 2024).unwrap();
        assert_eq!(month.precision, DatePrecision::Month);
        assert_eq!(month.periods[0].start_date, d("2024-03-01"));
        let text = "Протягом року: 16 та 23 липня 2024 року відбулися зустрічі з 3 делегаціями.";
        let found = find_dates(text, 2024).unwrap();
        assert_eq!(&text[found.span.clone()], "16 та 23 липня 2024 року");
        assert_eq!(found.periods.len(), 2);
    }

    /// What the report's formatter writes, the parser reads back: every single day of a year, and ranges and
    /// pairs of periods across it.
    #[test]
    fn reads_back_what_the_formatter_writes() {
        use crate::report::{Lang, Span, date_phrase};
        let mut checked = 0;
        let mut day = d("2024-01-01");
        while day.year() == 2024 {
            let mut cases = vec![vec![Span { start: day, end: None }]];
            for length in [1, 3, 40] {
                let end = day + chrono::Days::new(length);
                cases.push(vec![Span { start: day, end: Some(end) }]);
                let later = end + chrono::Days::new(20);
                cases.push(vec![Span { start: day, end: Some(end) }, Span { start: later, end: None }]);
            }
            for spans in cases {
                let phrase = date_phrase(&spans, DatePrecision::Day, Lang::Uk).unwrap();
                let found = parse_dates(&phrase, 2024).unwrap_or_else(|| panic!("'{phrase}' does not parse"));
                let read: Vec<Span> =
                    found.periods.iter().map(|p| Span { start: p.start_date, end: p.end_date }).collect();
                assert_eq!(read, spans, "{phrase}");
                checked += 1;
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(checked, 366 * 7);
    }

    #[test]
    fn no_date_and_no_nonsense() {
        for text in ["", "Без дати", "3 учасники", "32 січня 2024 року", "29 лютого 2023 року", "2024", "12.13.2024"]
        {
            assert_eq!(parse_dates(text, 2024), None, "{text}");
        }
    }
}
