//! A report in the reference's plain-text shape read into measure rows and proposed activities: a tab-separated
//! table (number, measure, what was done), HTML fragments (`<p>`, `<ul>`, list dashes), rows broken across pages.
//! One proposed activity per paragraph that names a date, under the measure whose row it stands in, with its
//! source paragraph kept.

use super::dates::{FoundDates, find_dates};
use super::heading::{ProgrammeHeading, programme_heading};

/// A section's heading row of the table ("II. Промоція міста").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRow {
    /// The Roman numeral: "II".
    pub number: String,
    pub title: String,
}

/// A measure's row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureRow {
    /// "1.10"
    pub code: String,
    /// The numeral of the section heading above it, if any.
    pub section: Option<String>,
    /// The measure's title as the row writes it.
    pub title: String,
    /// What the row says was done, without its markup, paragraph by paragraph.
    pub paragraphs: Vec<String>,
}

/// An activity the report names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedActivity {
    pub measure_code: String,
    pub dates: FoundDates,
    /// A short title: the paragraph's first sentence without its date.
    pub title: String,
    /// The paragraph it was read from.
    pub source: String,
}

/// What the report holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadReport {
    /// The programme its title names, when it names one.
    pub programme: Option<ProgrammeHeading>,
    pub sections: Vec<SectionRow>,
    pub measures: Vec<MeasureRow>,
    pub activities: Vec<ProposedActivity>,
}

/// A measure's number at the start of a line: "1.10".
fn measure_code(cell: &str) -> Option<String> {
    let cell = cell.trim().trim_start_matches("<p>").trim_end_matches("</p>").trim();
    let (major, minor) = cell.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    (digits(major) && digits(minor)).then(|| cell.to_owned())
}

/// The text without tags, with a paragraph break where a paragraph, a list or a list item starts or ends.
fn paragraphs(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                let tag = rest[open + 1..open + close].trim_start_matches('/').to_lowercase();
                let name = tag.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
                text.push_str(if matches!(name, "p" | "ul" | "ol" | "li" | "br" | "div") { "\n" } else { " " });
                rest = &rest[open + close + 1..];
            }
            None => {
                text.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    text.push_str(rest);
    // List dashes: a "- " that opens a paragraph, or follows ";" or ":" ("...рік;- 13 березня").
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        let chars: Vec<char> = paragraph.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let before = current.trim_end().chars().last();
            if c == '-'
                && chars.get(i + 1).is_some_and(|n| n.is_whitespace())
                && matches!(before, None | Some(';' | ':'))
            {
                if !current.trim().is_empty() {
                    out.push(current.trim().to_owned());
                }
                current = String::new();
                i += 2;
                continue;
            }
            current.push(c);
            i += 1;
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_owned());
        }
    }
    out.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

/// The sentences of a paragraph.
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        let next = bytes.get(k + 1).map(|&(_, n)| n);
        let after = bytes.get(k + 2).map(|&(_, n)| n);
        let word = paragraph[start..i].rsplit(|w: char| !w.is_alphabetic()).next().unwrap_or_default();
        let abbreviation = matches!(word, "м" | "вул" | "ім" | "р" | "с" | "смт" | "обл" | "просп" | "пл" | "т" | "ч");
        if matches!(c, '.' | '!' | '?')
            && !abbreviation
            && next == Some(' ')
            && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit())
        {
            out.push(paragraph[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(paragraph[start..].trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The dated events of a paragraph: each sentence that opens with a date starts one, and the sentences after it
/// (up to the next such) belong to it; a paragraph whose date stands inside its first sentence is one event.
fn events(paragraph: &str, year: i32) -> Vec<(FoundDates, String)> {
    let mut out: Vec<(FoundDates, String)> = Vec::new();
    let mut lead = String::new();
    for sentence in sentences(paragraph) {
        let opening = find_dates(sentence, year).filter(|d| d.span.start <= 3 || out.is_empty());
        match opening {
            Some(mut dates) => {
                let mut source = std::mem::take(&mut lead);
                if !source.is_empty() {
                    source.push(' ');
                }
                let offset = source.len();
                source.push_str(sentence);
                dates.span = dates.span.start + offset..dates.span.end + offset;
                out.push((dates, source));
            }
            None => match out.last_mut() {
                Some((_, source)) => {
                    source.push(' ');
                    source.push_str(sentence);
                }
                None => {
                    if !lead.is_empty() {
                        lead.push(' ');
                    }
                    lead.push_str(sentence);
                }
            },
        }
    }
    out
}

/// The first sentence without its date phrase, at most 160 characters.
fn title(paragraph: &str, dates: &FoundDates) -> String {
    let without = format!("{} {}", &paragraph[..dates.span.start], &paragraph[dates.span.end..]);
    let without = without.trim().trim_start_matches([',', '-', '–', ' ']).trim();
    let sentence = sentences(without).first().copied().unwrap_or(without).trim_end_matches(['.', ';']);
    let mut title: String = sentence.chars().take(160).collect();
    if sentence.chars().count() > 160 {
        title.push('…');
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title,
    }
}

/// Reads a report of `year` in the reference's text shape.
pub fn read_report_text(text: &str, year: i32) -> ReadReport {
    let mut rows: Vec<(String, Option<String>, String, String)> = Vec::new();
    let mut sections: Vec<SectionRow> = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let first = cells.first().map(|c| c.trim()).unwrap_or_default();
        if let Some(code) = measure_code(first) {
            let title = cells.get(1).copied().unwrap_or_default().to_owned();
            let section = sections.last().map(|s| s.number.clone());
            rows.push((code, section, title, cells.get(2..).map(|c| c.join(" ")).unwrap_or_default()));
        } else if let Some((number, title)) = section_heading(first) {
            // A section heading ("II. Промоція") closes nothing: its measures follow.
            sections.push(SectionRow { number: number.to_owned(), title: title.trim().to_owned() });
        } else if let Some((_, _, title, done)) = rows.last_mut() {
            // A line broken off a row continues it: its first cell the title, the rest what was done.
            if cells.len() >= 2 {
                title.push(' ');
                title.push_str(first);
                done.push(' ');
                done.push_str(&cells[1..].join(" "));
            } else {
                done.push(' ');
                done.push_str(line);
            }
        }
    }
    let mut measures = Vec::new();
    let mut activities = Vec::new();
    for (code, section, title_cell, done) in rows {
        let paragraphs = paragraphs(&done);
        for paragraph in &paragraphs {
            for (dates, source) in events(paragraph, year) {
                activities.push(ProposedActivity {
                    measure_code: code.clone(),
                    title: title(&source, &dates),
                    dates,
                    source,
                });
            }
        }
        measures.push(MeasureRow { code, section, title: self::paragraphs(&title_cell).join(" "), paragraphs });
    }
    ReadReport { programme: programme_heading(text), sections, measures, activities }
}

/// A section's heading: its Roman numeral and title ("II. Промоція міста").
fn section_heading(cell: &str) -> Option<(&str, &str)> {
    let (number, title) = cell.split_once(". ")?;
    (!number.is_empty() && number.chars().all(|c| "IVXLC".contains(c)) && !title.trim().is_empty())
        .then_some((number, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paragraphs_lists_and_dashes() {
        let html = "<p>Зустрічі, зокрема:</p> <ul style=\"x\">- 26 січня 2024 року з радниками;- 13 березня 2024 року з політиком, \
                    представником міста-партнера</ul><p>- 12 грудня 2024 року з НЕФКО.</p>";
        assert_eq!(
            paragraphs(html),
            [
                "Зустрічі, зокрема:",
                "26 січня 2024 року з радниками;",
                "13 березня 2024 року з політиком, представником міста-партнера",
                "12 грудня 2024 року з НЕФКО."
            ]
        );
    }

    #[test]
    fn sentences_end_at_a_full_stop_not_at_an_abbreviation() {
        let text = "Зустріч у м. Хмельницькому з ГО «Ріст». 24 жовтня 2024 року відкрито бізнес-хол. Далі буде";
        assert_eq!(
            sentences(text),
            ["Зустріч у м. Хмельницькому з ГО «Ріст».", "24 жовтня 2024 року відкрито бізнес-хол.", "Далі буде"]
        );
        let found = events(
            "Проект у м. Хмельницькому триває з 2023 року. 24 жовтня 2024 року відкрито бізнес-хол. Це успіх.",
            2024,
        );
        assert_eq!(found.len(), 1);
        // An undated opening sentence is the event's context, and stays in its source.
        assert!(found[0].1.starts_with("Проект у м. Хмельницькому") && found[0].1.ends_with("Це успіх."));
        assert_eq!(found[0].0.periods[0].start_date.to_string(), "2024-10-24");
    }

    #[test]
    fn reads_rows_broken_across_pages() {
        let text = "№\tЗміст заходу\tВиконання заходів\nI. Міжнародне співробітництво\t\t\n\
                    1.1\tОрганізація прийомів\t<p>- 26 січня 2024 року зустріч. За\n\
                    \t\t<p>результатами домовились;</p> <p>- 12 грудня 2024 року зустріч з НЕФКО.</p>\n\
                    1.7\tОрганізація прийомів груп\tЗаходи не здійснювались.\n\
                    II. Промоція\t\t\n2.1\tОнлайн заходи\tАктуалізовано інформацію.";
        let read = read_report_text(text, 2024);
        let codes: Vec<&str> = read.measures.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "1.7", "2.1"]);
        let sections: Vec<(&str, Option<&str>)> =
            read.measures.iter().map(|m| (m.code.as_str(), m.section.as_deref())).collect();
        assert_eq!(sections, [("1.1", Some("I")), ("1.7", Some("I")), ("2.1", Some("II"))]);
        assert_eq!(read.sections[1], SectionRow { number: "II".into(), title: "Промоція".into() });
        assert_eq!(read.activities.len(), 2);
        assert_eq!(read.activities[0].title, "Зустріч");
        assert_eq!(read.activities[1].dates.periods[0].start_date.to_string(), "2024-12-12");
        assert!(read.activities.iter().all(|a| a.measure_code == "1.1"));
    }
}
