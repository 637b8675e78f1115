//! The black-box HTTP suite. Each test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

mod access;
mod accounts;
mod activities;
mod audit;
mod auth;
mod backup;
mod bad_input;
mod changes;
mod concurrency;
mod contract;
mod dataset;
mod generated;
mod grants_agreements;
mod health;
mod idempotency;
mod idp;
mod import;
mod import_upload;
mod open_data;
mod partners;
mod programmes;
mod reports;
mod service_accounts;
mod units;
mod webhooks;
mod workflow;
