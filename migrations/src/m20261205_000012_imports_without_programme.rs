//! A report may be imported before its programme exists (a council's first import into an empty install): the
//! upload's programme is then the one applying it creates. The table is rebuilt with `programme_id` nullable, the
//! same way on both databases (SQLite cannot change a column's nullability in place).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: &str = "id, version, programme_id, year, file_name, text, state, created_by, created_at, applied_by, \
                       applied_at, created_activities, owner_unit";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: all of the rebuild or none of it, on one connection (another pooled
    /// connection, still reading, would see the old table).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let next = Table::create()
            .table("report_imports_next")
            .col(pk_uuid("id"))
            .col(integer("version"))
            .col(uuid_null("programme_id"))
            .col(integer("year"))
            .col(string("file_name"))
            .col(text("text"))
            .col(string("state"))
            .col(string("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(string_null("applied_by"))
            .col(timestamp_with_time_zone_null("applied_at"))
            .col(json_null("created_activities"))
            .col(string_null("owner_unit"))
            .to_owned();
        let index = Index::create()
            .name("ix_report_imports_created_at_id")
            .table("report_imports")
            .col("created_at")
            .col("id")
            .to_owned();
        let statements = [
            backend.build(&next).to_string(),
            format!("INSERT INTO report_imports_next ({COLUMNS}) SELECT {COLUMNS} FROM report_imports"),
            backend.build(&Table::drop().table("report_imports").to_owned()).to_string(),
            backend.build(&Table::rename().table("report_imports_next", "report_imports").to_owned()).to_string(),
            backend.build(&index).to_string(),
        ];
        for statement in statements {
            manager.get_connection().execute_unprepared(&statement).await?;
        }
        Ok(())
    }
}
