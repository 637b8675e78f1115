//! The date grammar on any text: it must never panic, and what it finds must lie within the text.
#![no_main]

use intercoop_domain::import::{find_dates, parse_dates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for year in [2024, 1, 9999] {
        if let Some(found) = find_dates(text, year) {
            assert!(found.span.end <= text.len() && text.is_char_boundary(found.span.start));
            assert!(!found.periods.is_empty());
            for p in &found.periods {
                assert!(p.end_date.is_none_or(|e| e > p.start_date));
            }
        }
        let _ = parse_dates(text, year);
    }
});
