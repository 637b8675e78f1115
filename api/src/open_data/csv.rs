//! CSV as RFC 4180 writes it: a header row, fields quoted where they need it, CRLF line ends. A cell of localized
//! text holds the asked language (Ukrainian where there is no English), and a list its items joined by "; ".

use intercoop_domain::report::Lang;
use serde_json::{Map, Value};

use super::datasets::{Column, LIST_SEPARATOR};

/// One field, quoted when it holds a comma, a quote or a line break.
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A line of fields.
pub fn line<I: IntoIterator<Item = String>>(fields: I) -> String {
    let mut out = fields.into_iter().map(|f| field(&f)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

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
    fn cells_pick_the_language_and_join_lists() {
        let text = json!({"uk": "Люблін", "en": "Lublin"});
        assert_eq!(cell(&text, Lang::Uk), "Люблін");
        assert_eq!(cell(&text, Lang::En), "Lublin");
        assert_eq!(cell(&json!({"uk": "Тільки", "en": null}), Lang::En), "Тільки");
        assert_eq!(cell(&json!(["1.2", "1.10"]), Lang::Uk), "1.2; 1.10");
        assert_eq!(cell(&json!([text, {"uk": "Прага", "en": "Prague"}]), Lang::En), "Lublin; Prague");
        assert_eq!(cell(&Value::Null, Lang::Uk), "");
        assert_eq!(cell(&json!(50.4), Lang::Uk), "50.4");
    }
}
