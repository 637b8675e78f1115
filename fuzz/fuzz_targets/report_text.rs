//! The report reader on any text: it must never panic, every proposed activity has a date and a measure, every
//! measure's section is one of the sections read, and the programme's years, when read, are in order.
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
    for measure in &read.measures {
        assert!(measure.section.iter().all(|n| read.sections.iter().any(|s| &s.number == n)));
    }
    if let Some((first, last)) = read.programme.as_ref().and_then(|p| p.years) {
        assert!(first <= last);
    }
});
