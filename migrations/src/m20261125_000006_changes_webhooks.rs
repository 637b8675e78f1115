//! The change feed (every change to a record, in commit order) and webhooks: subscriptions and the outbox of
//! their deliveries, both written in the transaction of the change; indexes for the open-data feeds.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_"))).table(table);
    for c in columns {
        stmt.col(*c);
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // On PostgreSQL a change carries its transaction's id: the feed shows a change once every transaction that
        // began before it has ended, so that a reader never skips a change that commits late.
        let txid = match manager.get_database_backend() {
            DbBackend::Postgres => Expr::cust("(pg_current_xact_id()::text::bigint)"),
            _ => Expr::cust("0"),
        };
        manager
            .create_table(
                Table::create()
                    .table("changes")
                    .col(big_integer("seq").auto_increment().primary_key())
                    .col(big_integer("txid").default(txid))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("action"))
                    .col(string("record_type"))
                    .col(uuid("record_id"))
                    .col(integer("record_version"))
                    .col(json_null("record"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("changes", &["txid", "seq"])).await?;
        // The open-data feeds' ETags count a few record types' changes.
        manager.create_index(index("changes", &["record_type", "seq"])).await?;
        // The open-data feeds read the records in batches ordered by last change.
        for table in ["measures", "activities", "partners", "grants", "agreements"] {
            manager.create_index(index(table, &["updated_at", "id"])).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("webhook_subscriptions")
                    .col(pk_uuid("id"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(string("url"))
                    .col(json("event_types"))
                    .col(string("secret"))
                    .col(boolean("active"))
                    .col(string_null("description"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .col(pk_uuid("id"))
                    .col(uuid("subscription_id"))
                    .col(big_integer("change_seq"))
                    .col(string("event_type"))
                    .col(string("record_type"))
                    .col(uuid("record_id"))
                    .col(text("payload"))
                    .col(string("status"))
                    .col(integer("attempts"))
                    .col(big_integer("next_attempt_at"))
                    .col(big_integer_null("leased_until"))
                    .col(integer_null("last_status"))
                    .col(text_null("last_error"))
                    .col(json("attempt_log"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_deliveries_subscription_id")
                            .from("webhook_deliveries", "subscription_id")
                            .to("webhook_subscriptions", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("webhook_deliveries", &["status", "next_attempt_at"])).await?;
        manager.create_index(index("webhook_deliveries", &["subscription_id", "record_id", "change_seq"])).await?;
        manager.create_index(index("webhook_deliveries", &["subscription_id", "created_at"])).await?;
        Ok(())
    }
}
