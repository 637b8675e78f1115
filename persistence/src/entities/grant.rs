use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub donor_id: Uuid,
    pub instrument: Option<String>,
    pub project_title: Json,
    pub sort_title: String,
    pub description: Option<Json>,
    pub amount: String,
    pub currency: String,
    pub status: String,
    pub applied_on: Option<Date>,
    pub awarded_on: Option<Date>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub publication: String,
    pub owner_unit: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
