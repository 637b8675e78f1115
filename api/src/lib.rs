//! intercoop's HTTP API: actix-web handlers, request and response types, authentication, and the `intercoop`
//! binary's commands.

pub mod access;
pub mod app;
pub mod auth;
pub mod cli_backup;
pub mod cli_import;
pub mod cli_users;
pub mod config;
pub mod contract_examples;
pub mod contract_links;
pub mod contract_shapes;
pub mod contract_white_space;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod idp;
pub mod markup;
pub mod metrics;
pub mod openapi;
pub mod pagination;
pub mod preconditions;
pub mod proxies;
pub mod routes;
pub mod server;
pub mod telemetry;
pub mod timeouts;
