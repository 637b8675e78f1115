//! Indexes that answer the activity list's year filter and its order from the index alone: the page's ids by
//! start date, and the count of a year's activities by last day.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for old in ["ix_activities_start_date", "ix_activities_last_day"] {
            manager.drop_index(Index::drop().name(old).table("activities").to_owned()).await?;
        }
        let index = |name: &str, columns: &[&'static str]| {
            let mut index = Index::create();
            index.name(name).table("activities");
            for column in columns {
                index.col(*column);
            }
            index.to_owned()
        };
        manager
            .create_index(index("ix_activities_start_date_id", &["start_date", "id", "last_day", "publication"]))
            .await?;
        manager.create_index(index("ix_activities_last_day_start", &["last_day", "start_date", "publication"])).await
    }
}
