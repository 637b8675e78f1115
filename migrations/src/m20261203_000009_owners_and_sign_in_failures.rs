//! Uploaded reports belong to the uploader's unit, as records do; failed sign-ins are counted in the database, so
//! that every replica of the service slows the same guesser down.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("report_imports").add_column(string_null("owner_unit")).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_failures")
                    .col(string("key").primary_key())
                    .col(integer("failures"))
                    .col(timestamp_with_time_zone("last_at"))
                    .to_owned(),
            )
            .await
    }
}
