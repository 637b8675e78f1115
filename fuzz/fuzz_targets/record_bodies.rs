//! JSON bodies of each record type, created, replaced and merge-patched by an admin: never a server error, every
//! refusal a problem naming what was wrong.
#![no_main]

use std::sync::OnceLock;

use intercoop_api::auth::Role;
use intercoop_fuzz::{RECORD_COLLECTIONS, check, send, service};
use libfuzzer_sys::fuzz_target;

/// (method, path, content type) of every write that takes a record's JSON.
fn writes() -> &'static Vec<(&'static str, String, &'static str)> {
    static WRITES: OnceLock<Vec<(&'static str, String, &'static str)>> = OnceLock::new();
    WRITES.get_or_init(|| {
        let service = service();
        let mut writes = Vec::new();
        for collection in RECORD_COLLECTIONS {
            let record = format!("{collection}/{}", service.an_id(collection));
            writes.push(("POST", collection.to_owned(), "application/json"));
            writes.push(("PUT", record.clone(), "application/json"));
            writes.push(("PATCH", record, "application/merge-patch+json"));
        }
        let programme = service.an_id("/api/v1/programmes");
        writes.push(("POST", format!("/api/v1/programmes/{programme}/sections"), "application/json"));
        writes.push(("POST", "/api/v1/users".into(), "application/json"));
        writes.push(("POST", "/api/v1/service-accounts".into(), "application/json"));
        writes.push(("POST", "/api/v1/webhooks".into(), "application/json"));
        writes.push(("POST", "/api/v1/auth/token".into(), "application/json"));
        writes
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let (method, path, content_type) = &writes()[usize::from(pick) % writes().len()];
    let authorization = format!("Bearer {}", service().token(Role::Admin));
    let headers = [("Authorization", authorization.as_str()), ("Content-Type", content_type)];
    check(&send(method, path, &headers, body), &format!("{method} {path} {}", String::from_utf8_lossy(body)));
});
