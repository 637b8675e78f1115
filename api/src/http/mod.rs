//! The HTTP door: the application and its server, the one wire shape of errors, extractors, preconditions,
//! pagination, idempotency keys, timeouts, telemetry, metrics, the public address behind proxies, and escaping
//! for the pages it writes.

pub mod app;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod metrics;
pub mod pagination;
pub mod preconditions;
pub mod proxies;
pub mod server;
pub mod telemetry;
pub mod timeouts;
