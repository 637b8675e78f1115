//! Query strings on every list, feed and report, from an anonymous caller and an admin: never a server error,
//! every refusal a problem naming what was wrong.
#![no_main]

use intercoop_api::auth::Role;
use intercoop_fuzz::{check, encode_query, send, service};
use libfuzzer_sys::fuzz_target;

const PATHS: [&str; 16] = [
    "/api/v1/activities",
    "/api/v1/partners",
    "/api/v1/grants",
    "/api/v1/agreements",
    "/api/v1/measures",
    "/api/v1/programmes",
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
    let target = format!("{}?{}", PATHS[usize::from(pick) % PATHS.len()], encode_query(query));
    let authorization = format!("Bearer {}", service().token(Role::Admin));
    let headers: &[(&str, &str)] = if pick & 0x80 == 0 { &[("Authorization", &authorization)] } else { &[] };
    check(&send("GET", &target, headers, b""), &target);
});
