//! The staff console over HTTP: each page and form, with the session, CSRF, roles and units, on SQLite and
//! PostgreSQL.

mod access;
mod activities;
mod admin;
mod grants_agreements;
mod history;
mod idp;
mod imports;
mod partners;
mod programme;
mod report;
mod review;
mod sessions;
