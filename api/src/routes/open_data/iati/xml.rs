//! The pieces every IATI activity is written with: narratives in Ukrainian and English, organisations, dates,
//! sectors.

use std::io;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::BytesText;
use serde_json::Value;

pub type Xml = Writer<Vec<u8>>;

/// Localized text (`{"uk": ..., "en": ...}`) as narratives: Ukrainian in the activity's default language, English
/// with its `xml:lang`.
pub fn narratives(w: &mut Xml, text: &Value) -> io::Result<()> {
    let of = |lang| text.get(lang).and_then(Value::as_str).map(clean).filter(|s| !s.trim().is_empty());
    if let Some(uk) = of("uk") {
        w.create_element("narrative").write_text_content(BytesText::new(&uk))?;
    }
    if let Some(en) = of("en") {
        w.create_element("narrative").with_attribute(("xml:lang", "en")).write_text_content(BytesText::new(&en))?;
    }
    Ok(())
}

/// Text without the characters XML may not hold (a control character in a stored record, say).
pub fn clean(text: &str) -> String {
    intercoop_domain::text::without_forbidden(text).into_owned()
}

/// An element holding narratives, with attributes.
pub fn with_narratives(w: &mut Xml, name: &str, attributes: &[(&str, &str)], text: &Value) -> io::Result<()> {
    w.create_element(name).with_attributes(attributes.iter().copied()).write_inner_content(|w| narratives(w, text))?;
    Ok(())
}

pub fn empty(w: &mut Xml, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name).with_attributes(attributes.iter().copied()).write_empty()?;
    Ok(())
}

pub fn date(value: &Value) -> Option<NaiveDate> {
    value.as_str()?.parse().ok()
}

/// An activity date: the actual one (`actual`) when it has passed, else the planned one.
pub fn activity_date(w: &mut Xml, day: NaiveDate, planned: &str, actual: &str, today: NaiveDate) -> io::Result<()> {
    let kind = if day <= today { actual } else { planned };
    empty(w, "activity-date", &[("iso-date", &day.to_string()), ("type", kind)])
}

/// Shares of 100 for `n` items, with two decimals, summing to exactly 100.
pub fn shares(n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let each = 10_000 / n as u64;
    let mut out: Vec<u64> = vec![each; n];
    out[n - 1] += 10_000 - each * n as u64;
    out.iter().map(|h| format!("{}.{:02}", h / 100, h % 100)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_to_a_hundred() {
        assert_eq!(shares(1), ["100.00"]);
        assert_eq!(shares(3), ["33.33", "33.33", "33.34"]);
        assert_eq!(shares(0), Vec::<String>::new());
    }
}
