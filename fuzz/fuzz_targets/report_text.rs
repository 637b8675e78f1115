//! The report reader on any text: it must never panic, and every proposed activity has a date and a measure.
#![no_main]

use intercoop_domain::import::read_report_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let read = read_report_text(text, 2024);
    for activity in &read.activities {
        assert!(!activity.dates.periods.is_empty());
        assert!(read.measures.iter().any(|m| m.code == activity.measure_code));
    }
});
