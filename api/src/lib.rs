//! intercoop's HTTP API: actix-web handlers, request and response types, authentication, and the `intercoop`
//! binary's commands.

pub mod access;
pub mod app;
pub mod auth;
pub mod cli_import;
pub mod cli_users;
pub mod config;
pub mod contract_shapes;
pub mod docx_text;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod idp;
pub mod metrics;
pub mod open_data;
pub mod openapi;
pub mod pagination;
pub mod passwords;
pub mod preconditions;
pub mod report_import;
pub mod routes;
pub mod server;
pub mod telemetry;
pub mod throttle;
pub mod timeouts;
pub mod webhooks;
