//! The report as CSV (RFC 4180): one row per activity under each measure, and one row for a measure without
//! activities; a header row; fields quoted where they need it; CRLF line ends. Every CSV the service writes
//! (the report's and the open data's) goes through [`field`], which keeps spreadsheets from reading a cell as a
//! formula (OWASP's advice on CSV injection).

use intercoop_domain::DateRange;
use intercoop_domain::report::Report;

pub const COLUMNS: [&str; 14] = [
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
    "additional_dates",
];

pub fn render(report: &Report) -> String {
    let mut out = line(COLUMNS.iter().map(|c| c.to_string()));
    for fields in table(report) {
        out.push_str(&line(fields));
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
                let rest = ["", "", "", "", "", "", measure.none_text.as_deref().unwrap_or(""), "", "", ""];
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
                    entry.additional_dates.iter().map(DateRange::iso).collect::<Vec<_>>().join("; "),
                ];
                rows.push(lead.iter().cloned().chain(rest).collect());
            }
        }
    }
    rows
}

/// One field: defused when a spreadsheet would read it as a formula, quoted when it holds a comma, a quote or a
/// line break.
pub fn field(value: &str) -> String {
    let defused;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(value) {
        defused = format!("'{value}");
        defused.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A plain decimal number, such as `-12.5` or `+3`, which a spreadsheet reads as a number, not a formula.
fn is_number(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// A line of fields.
pub fn line<I: IntoIterator<Item = String>>(fields: I) -> String {
    let mut out = fields.into_iter().map(|f| field(&f)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}
