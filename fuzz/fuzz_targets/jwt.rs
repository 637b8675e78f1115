//! The Authorization header, as sent or as a bearer token, on a read that anyone may make, one that needs a token,
//! and a write: never a server error; a bad credential is a 401 problem, never a pass.
#![no_main]

use intercoop_fuzz::{check, header_value, send};
use libfuzzer_sys::fuzz_target;

const REQUESTS: [(&str, &str); 3] = [
    ("GET", "/api/v1/activities?limit=1"),
    ("GET", "/api/v1/me"),
    ("DELETE", "/api/v1/partners/00000000-0000-0000-0000-000000000000"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let value = header_value(rest);
    let value = if pick & 1 == 0 { format!("Bearer {}", value.trim()) } else { value };
    let (method, path) = REQUESTS[usize::from(pick >> 1) % REQUESTS.len()];
    let answer = send(method, path, &[("Authorization", &value)], b"");
    check(&answer, &format!("{method} {path} Authorization: {value}"));
    // Only a token signed with the service's secret passes, and the fuzzer cannot forge one (the corpus holds
    // tokens signed with another secret).
    if path != "/api/v1/activities?limit=1" {
        assert!(matches!(answer.status, 400 | 401 | 403), "{method} {path} with {value:?}: {}", answer.status);
    }
});
