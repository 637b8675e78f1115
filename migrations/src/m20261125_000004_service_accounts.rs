//! Service accounts: other municipal systems, signing in with a client id and secret.

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
                    .table("service_accounts")
                    .col(pk_uuid("id"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(string_uniq("client_id"))
                    .col(string("name"))
                    .col(string("role"))
                    .col(string_null("unit"))
                    .col(json("scopes"))
                    .col(boolean("active"))
                    .col(string("secret_hash"))
                    .to_owned(),
            )
            .await
    }
}
