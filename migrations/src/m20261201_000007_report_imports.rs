//! Report imports uploaded through the API: the text read from the upload, kept until an editor applies it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("report_imports")
                    .col(pk_uuid("id"))
                    .col(integer("version"))
                    .col(uuid("programme_id"))
                    .col(integer("year"))
                    .col(string("file_name"))
                    .col(text("text"))
                    .col(string("state"))
                    .col(string("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(string_null("applied_by"))
                    .col(timestamp_with_time_zone_null("applied_at"))
                    .col(json_null("created_activities"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_report_imports_created_at_id")
                    .table("report_imports")
                    .col("created_at")
                    .col("id")
                    .to_owned(),
            )
            .await
    }
}
