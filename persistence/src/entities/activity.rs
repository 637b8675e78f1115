use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub title: Json,
    pub sort_title: String,
    pub description: Option<Json>,
    pub kind: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub last_day: Date,
    pub date_precision: String,
    pub additional_dates: Json,
    pub format: String,
    pub place_city: Option<Json>,
    pub place_country: Option<String>,
    pub participants: Option<String>,
    pub outcome: Option<Json>,
    pub links: Json,
    pub status: String,
    pub publication: String,
    pub owner_unit: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
