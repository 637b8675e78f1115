use intercoop_domain::{DateRange, LocalizedText};
use sea_orm::entity::prelude::*;

use super::JsonOf;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(column_type = "Json")]
    pub title: JsonOf<LocalizedText>,
    pub sort_title: String,
    #[sea_orm(column_type = "Json", nullable)]
    pub description: Option<JsonOf<LocalizedText>>,
    pub kind: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub last_day: Date,
    pub date_precision: String,
    #[sea_orm(column_type = "Json")]
    pub additional_dates: JsonOf<Vec<DateRange>>,
    pub format: String,
    #[sea_orm(column_type = "Json", nullable)]
    pub place_city: Option<JsonOf<LocalizedText>>,
    pub place_country: Option<String>,
    pub participants: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub outcome: Option<JsonOf<LocalizedText>>,
    #[sea_orm(column_type = "Json")]
    pub links: JsonOf<Vec<String>>,
    pub status: String,
    pub publication: String,
    pub owner_unit: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
