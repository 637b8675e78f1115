//! Comments kept with a record: why a publisher returned it to its unit, and notes between a unit and the
//! publishers. They go with the record: deleting the record deletes them.

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
                    .table("record_comments")
                    .col(uuid("id").primary_key())
                    .col(string("record_type"))
                    .col(uuid("record_id"))
                    .col(integer("record_version"))
                    .col(string_null("step"))
                    .col(text("body"))
                    .col(string("actor"))
                    .col(string("actor_role"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_record_comments_record")
                    .table("record_comments")
                    .col("record_type")
                    .col("record_id")
                    .col("at")
                    .to_owned(),
            )
            .await
    }
}
