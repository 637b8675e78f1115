//! CSV as RFC 4180 writes it: a header row, fields quoted where they need it, CRLF line ends. A cell of localized
//! text holds the asked language (Ukrainian where there is no English), and a list its items joined by "; ".
//! Every CSV the service writes goes through [`field`] (the writers' crate's), which keeps spreadsheets from reading a cell as a formula
//! (OWASP's advice on CSV injection): a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
//! is written with a leading apostrophe (`'=HYPERLINK(...)`); numbers (`-12.5`) are written as they are.

use intercoop_domain::report::Lang;
use serde_json::{Map, Value};

use super::datasets::{Column, LIST_SEPARATOR};

pub use intercoop_documents::csv::{field, line};

pub fn header(columns: &[Column]) -> String {
    line(columns.iter().map(|c| c.name.to_owned()))
}

/// A row of the JSON feed as a CSV line of `columns`.
pub fn row(columns: &[Column], row: &Map<String, Value>, lang: Lang) -> String {
    line(columns.iter().map(|c| cell(row.get(c.name).unwrap_or(&Value::Null), lang)))
}

/// The text of one cell.
pub fn cell(value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(|v| cell(v, lang)).collect::<Vec<_>>().join(LIST_SEPARATOR),
        Value::Object(o) if o.contains_key("uk") => {
            let en = o.get("en").and_then(Value::as_str).filter(|s| !s.is_empty());
            match (lang, en) {
                (Lang::En, Some(en)) => en.to_owned(),
                _ => o.get("uk").and_then(Value::as_str).unwrap_or_default().to_owned(),
            }
        }
        Value::Object(o) if o.contains_key("start_date") => match (o["start_date"].as_str(), o.get("end_date")) {
            (Some(start), Some(Value::String(end))) => format!("{start}/{end}"),
            (Some(start), _) => start.to_owned(),
            _ => value.to_string(),
        },
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("\tTab"), "'\tTab");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        assert_eq!(field("-12.5"), "-12.5");
        assert_eq!(field("+380"), "+380");
        assert_eq!(field("Київ - Вроцлав"), "Київ - Вроцлав");
    }

    #[test]
    fn cells_pick_the_language_and_join_lists() {
        let text = json!({"uk": "Люблін", "en": "Lublin"});
        assert_eq!(cell(&text, Lang::Uk), "Люблін");
        assert_eq!(cell(&text, Lang::En), "Lublin");
        assert_eq!(cell(&json!({"uk": "Тільки", "en": null}), Lang::En), "Тільки");
        assert_eq!(cell(&json!(["1.2", "1.10"]), Lang::Uk), "1.2; 1.10");
        assert_eq!(cell(&json!([text, {"uk": "Прага", "en": "Prague"}]), Lang::En), "Lublin; Prague");
        assert_eq!(cell(&Value::Null, Lang::Uk), "");
        assert_eq!(cell(&json!(50.4), Lang::Uk), "50.4");
        let parts = json!([{"start_date": "2024-05-14", "end_date": null}, {"start_date": "2024-07-23", "end_date": "2024-07-26"}]);
        assert_eq!(cell(&parts, Lang::Uk), "2024-05-14; 2024-07-23/2024-07-26");
    }
}
