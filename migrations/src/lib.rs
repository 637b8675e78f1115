//! The database schema, as forward-only migrations that run the same on SQLite and PostgreSQL.

pub use sea_orm_migration::MigrationStatus;
pub use sea_orm_migration::prelude::*;

mod m20261125_000001_records;
mod m20261125_000002_audit;
mod m20261125_000003_accounts;
mod m20261125_000004_service_accounts;
mod m20261125_000005_idempotency;
mod m20261125_000006_changes_webhooks;
mod m20261201_000007_report_imports;
mod m20261202_000008_activity_listing;
mod m20261203_000009_owners_and_sign_in_failures;
mod m20261204_000010_console_sessions;
mod m20261204_000011_record_comments;
mod m20261205_000012_imports_without_programme;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_records::Migration),
            Box::new(m20261125_000002_audit::Migration),
            Box::new(m20261125_000003_accounts::Migration),
            Box::new(m20261125_000004_service_accounts::Migration),
            Box::new(m20261125_000005_idempotency::Migration),
            Box::new(m20261125_000006_changes_webhooks::Migration),
            Box::new(m20261201_000007_report_imports::Migration),
            Box::new(m20261202_000008_activity_listing::Migration),
            Box::new(m20261203_000009_owners_and_sign_in_failures::Migration),
            Box::new(m20261204_000010_console_sessions::Migration),
            Box::new(m20261204_000011_record_comments::Migration),
            Box::new(m20261205_000012_imports_without_programme::Migration),
        ]
    }
}
