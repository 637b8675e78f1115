//! Reading the filed 2024 report back: every measure row, the dated events under the right measures with the
//! right dates, and the slips flagged.

use std::collections::BTreeSet;

use intercoop_domain::import::read_report_text;

use crate::reports::{REFERENCE, reference_days, reference_rows};

#[test]
fn the_reference_report_reads_back_into_its_measures_and_dated_events() {
    let read = read_report_text(REFERENCE, 2024);
    let rows = reference_rows();
    let codes: Vec<&str> = read.measures.iter().map(|m| m.code.as_str()).collect();
    let reference_codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, reference_codes, "every measure row, in order");

    let (mut expected, mut found) = (0, 0);
    let mut missing = Vec::new();
    for (code, text) in &rows {
        let starts: BTreeSet<String> = read
            .activities
            .iter()
            .filter(|a| &a.measure_code == code)
            .flat_map(|a| a.dates.periods.iter().map(|p| p.start_date.to_string()))
            .collect();
        for day in reference_days(text).into_iter().collect::<BTreeSet<_>>() {
            expected += 1;
            if starts.contains(&day) {
                found += 1;
            } else {
                missing.push(format!("{code} {day}"));
            }
        }
    }
    let share = found as f64 / expected as f64;
    println!("dated events of the reference read under their measures: {found} of {expected} ({:.1}%)", share * 100.0);
    assert!(expected >= 60);
    assert!(share >= 0.95, "only {found} of {expected}; missing: {missing:?}");

    let slip = read.activities.iter().find(|a| a.dates.periods[0].start_date.to_string() == "2014-09-25");
    let slip = slip.expect("the conference dated 2014 is read as written");
    assert!(slip.dates.outside_year, "the 2014 slip is flagged");
    assert_eq!(slip.measure_code, "1.2");
    let implied = read.activities.iter().find(|a| a.source.starts_with("27 жовтня")).expect("27 жовтня is read");
    assert!(implied.dates.year_implied);
    assert_eq!(implied.dates.periods[0].start_date.to_string(), "2024-10-27");
    assert!(read.activities.iter().all(|a| !a.title.is_empty() && a.source.len() >= a.title.len() / 2));
}
