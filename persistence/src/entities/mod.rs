//! The tables of the records, as sea-orm entities (public for tools that read the database directly). Link
//! tables are handled by `crate::links`.

pub mod activity;
pub mod agreement;
pub mod audit_entry;
pub mod change;
pub mod console_session;
pub mod grant;
pub mod idempotency_key;
mod json_of;
pub mod measure;
pub mod partner;
pub mod programme;
pub mod record_comment;
pub mod refresh_token;
pub mod report_import;
pub mod section;
pub mod service_account;
pub mod sign_in_failure;
pub mod user;
pub mod webhook_delivery;
pub mod webhook_subscription;

pub use json_of::JsonOf;
