//! intercoop's REST API and the `intercoop` command: the doors into the operations layer
//! (`intercoop_operations`), which holds every rule and is the only way to storage.

pub mod auth;
pub mod cli;
pub mod config;
pub mod contract;
pub mod http;
pub mod render;
pub mod routes;
