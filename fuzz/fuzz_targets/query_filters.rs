//! Query strings on every list, feed and report, from an anonymous caller and an admin: never a server error,
//! every refusal a problem naming what was wrong.
#![no_main]

use intercoop_api::auth::Role;
use intercoop_fuzz::{RECORD_COLLECTIONS, check, encode_query, send, service};
use libfuzzer_sys::fuzz_target;

/// The lists, feeds and reports beside the records' lists (`RECORD_COLLECTIONS`, picked first).
const OTHER_PATHS: [&str; 10] = [
    "/api/v1/audit",
    "/api/v1/changes",
    "/api/v1/users",
    "/api/v1/webhooks",
    "/api/v1/imports",
    "/api/v1/service-accounts",
    "/open-data/v1/activities.json",
    "/open-data/v1/partners.csv",
    "/open-data/v1/report-2024.json",
    "/api/v1/programmes/c04341c5-3548-51c8-b606-1f182b26ae2c/reports/2024",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, query)) = data.split_first() else { return };
    let i = usize::from(pick) % (RECORD_COLLECTIONS.len() + OTHER_PATHS.len());
    let path = RECORD_COLLECTIONS.get(i).copied().unwrap_or_else(|| OTHER_PATHS[i - RECORD_COLLECTIONS.len()]);
    let target = format!("{path}?{}", encode_query(query));
    let authorization = format!("Bearer {}", service().token(Role::Admin));
    let headers: &[(&str, &str)] = if pick & 0x80 == 0 { &[("Authorization", &authorization)] } else { &[] };
    check(&send("GET", &target, headers, b""), &target);
});
