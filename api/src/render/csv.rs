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
    let mut out = intercoop_operations::open_data::csv::line(COLUMNS.iter().map(|c| c.to_string()));
    for fields in table(report) {
        out.push_str(&intercoop_operations::open_data::csv::line(fields));
    }
    out
}

/// The report's rows, each with the fields of `COLUMNS`.
pub fn table(report: &Report) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for section in &report.sections {
        for measure in &section.measures {
            let lead = [section.number.clone(), section.title.clone(), measure.code.to_string(), measure.title.clone()];
            if measure.entries.is_empty() {
                let rest = ["", "", "", "", "", "", measure.none_text.as_deref().unwrap_or(""), "", ""];
                rows.push(lead.iter().cloned().chain(rest.iter().map(|s| s.to_string())).collect());
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
                rows.push(lead.iter().cloned().chain(rest).collect());
            }
        }
    }
    rows
}
