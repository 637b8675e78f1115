//! The audit trail: who changed what, when, field by field.

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
                    .table("audit_entries")
                    .col(pk_uuid("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("actor"))
                    .col(string("actor_role"))
                    .col(string("action"))
                    .col(string("record_type"))
                    .col(uuid("record_id"))
                    .col(integer_null("record_version"))
                    .col(json("changes"))
                    .to_owned(),
            )
            .await?;
        for columns in [&["record_type", "record_id"][..], &["at"], &["actor"]] {
            let mut index = Index::create();
            index.name(format!("ix_audit_entries_{}", columns.join("_"))).table("audit_entries");
            for c in columns {
                index.col(*c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }
}
