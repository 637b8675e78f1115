//! Storage of intercoop's records on SQLite or PostgreSQL through sea-orm: one transaction per write, lists in a
//! constant number of queries.

pub mod audit;
pub mod backup;
pub mod changes;
pub mod comments;
pub mod console_sessions;
mod crud;
mod db;
pub mod entities;
mod error;
mod links;
mod support;

pub mod activities;
pub mod agreements;
pub mod generate;
pub mod grants;
pub mod idempotency;
pub mod imports;
pub mod measures;
pub mod open_data;
pub mod partners;
pub mod programmes;
pub mod reports;
pub mod seed;
pub mod service_accounts;
pub mod sign_in_failures;
pub mod structure;
pub mod users;
pub mod webhooks;

pub use audit::Actor;
pub use db::{Database, DbSettings};
pub use error::RepoError;
pub use support::{Page, PageRequest, Sort, Visibility};
