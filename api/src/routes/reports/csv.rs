//! The report as CSV (RFC 4180): one row per activity under each measure, and one row for a measure without
//! activities; a header row; fields quoted where they need it; CRLF line ends.

use intercoop_domain::report::Report;

pub const COLUMNS: [&str; 13] = [
    "section",
    "section_title",
    "measure_code",
    "measure_title",
    "activity_id",
    "date_phrase",
    "start_date",
    "end_date",
    "date_precision",
    "title",
    "text",
    "partners",
    "publication",
];

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for section in &report.sections {
        for measure in &section.measures {
            let lead = [section.number.clone(), section.title.clone(), measure.code.to_string(), measure.title.clone()];
            if measure.entries.is_empty() {
                let rest = ["", "", "", "", "", "", measure.none_text.as_deref().unwrap_or(""), "", ""];
                row(&mut out, lead.iter().cloned().chain(rest.iter().map(|s| s.to_string())));
            }
            for entry in &measure.entries {
                let rest = [
                    entry.activity_id.to_string(),
                    entry.date_phrase.clone().unwrap_or_default(),
                    entry.start_date.to_string(),
                    entry.end_date.map(|d| d.to_string()).unwrap_or_default(),
                    entry.date_precision.as_str().to_owned(),
                    entry.title.clone(),
                    entry.text.clone(),
                    entry.partners.join("; "),
                    entry.publication.as_str().to_owned(),
                ];
                row(&mut out, lead.iter().cloned().chain(rest));
            }
        }
    }
    out
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.map(|f| field(&f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(super::field("plain"), "plain");
        assert_eq!(super::field("a, b"), "\"a, b\"");
        assert_eq!(super::field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::field("two\nlines"), "\"two\nlines\"");
    }
}
