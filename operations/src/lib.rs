//! intercoop's use cases, each written once and called by every door: the REST API, the CLI, the service's own
//! jobs, and the staff console to come. An operation takes the caller and domain values, enforces every rule of the service (the
//! record's checks, roles, the unit rule, the workflow, the version the caller names) and calls storage in one
//! transaction. The doors only translate: they never reach storage themselves.

pub mod accounts;
mod caller;
pub mod error;
pub mod gate;
pub mod idempotency;
pub mod imports;
pub mod open_data;
pub mod records;
pub mod reports;
pub mod settings;
pub mod startup;
pub mod trail;
pub mod webhooks;

pub use caller::{Caller, IfMatch, etag};
pub use error::{Error, ErrorCode, Result};
pub use intercoop_persistence::comments::RecordComment;
pub use intercoop_persistence::{Database, DbSettings, Page, PageRequest, Sort, Visibility};
pub use records::{activities, agreements, grants, measures, partners, programmes};
