//! A backup of the whole database as one JSON document, and its restore into an empty database.
//!
//! The document names its format and the schema (the last migration) it was written from, then holds every table,
//! row by row, in an order in which each row's references come before it:
//!
//! ```text
//! {"format": "intercoop-backup", "version": 1, "schema": "m20261202_000008_activity_listing",
//!  "exported_at": "2026-12-03T05:00:00.123456Z",
//!  "tables": {"programmes": [{...}, ...], "sections": [...], ...}}
//! ```
//!
//! Rows are the tables' columns under their own names, in primary-key order, written the same way from SQLite and
//! from PostgreSQL, so a backup of one restores into the other. One column is left out: a change's PostgreSQL transaction id, which means
//! nothing in another database; restored changes keep their numbers and read in that order.

mod export;
mod import;

pub use export::export;
pub use import::{ImportError, import};

use std::collections::BTreeSet;

use intercoop_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::RepoError;

/// The document's `format`.
pub const FORMAT: &str = "intercoop-backup";
/// The document's `version`: raised when the layout of the document (not of a table) changes.
pub const VERSION: u32 = 1;

/// How many rows of each table a backup holds (or a restore wrote), in the document's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCounts(pub Vec<(&'static str, u64)>);

impl TableCounts {
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl std::fmt::Display for TableCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().filter(|(_, n)| *n > 0).map(|(t, n)| format!("{n} {t}")).collect();
        write!(f, "{} rows ({})", self.total(), parts.join(", "))
    }
}

/// The schema this binary writes and reads: its last migration.
pub fn schema() -> String {
    Migrator::migrations().last().map(|m| m.name().to_owned()).unwrap_or_default()
}

/// Every table a backup holds, in the document's order (references first). The migrations' own bookkeeping
/// (`seaql_migrations`) is not data and is left out: the schema is named in the document instead.
pub const TABLES: [&str; 25] = [
    "programmes",
    "sections",
    "measures",
    "partners",
    "activities",
    "grants",
    "agreements",
    "activity_measures",
    "activity_partners",
    "grant_measures",
    "grant_activities",
    "agreement_measures",
    "agreement_partners",
    "users",
    "refresh_tokens",
    "service_accounts",
    "idempotency_keys",
    "audit_entries",
    "record_comments",
    "changes",
    "webhook_subscriptions",
    "webhook_deliveries",
    "report_imports",
    "sign_in_failures",
    "console_sessions",
];

/// The tables of the database, but the migrations' own.
async fn tables_in(conn: &impl ConnectionTrait) -> Result<BTreeSet<String>, RepoError> {
    let sql = match conn.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
                                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql)).await?;
    let mut names = BTreeSet::new();
    for row in rows {
        names.insert(row.try_get::<String>("", "name")?);
    }
    names.remove("seaql_migrations");
    Ok(names)
}

/// Fails when the database has a table that a backup would leave out (a migration added it without adding it here).
async fn check_every_table_is_known(conn: &impl ConnectionTrait) -> Result<(), RepoError> {
    let unknown: Vec<String> = tables_in(conn).await?.into_iter().filter(|t| !TABLES.contains(&t.as_str())).collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(RepoError::Internal(anyhow::anyhow!("tables that a backup does not cover: {}", unknown.join(", "))))
    }
}
