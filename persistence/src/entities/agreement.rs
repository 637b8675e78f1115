use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub kind: String,
    pub title: Json,
    pub sort_title: String,
    pub description: Option<Json>,
    pub parties: Json,
    pub signed_on: Option<Date>,
    pub valid_until: Option<Date>,
    pub status: String,
    pub document_url: Option<String>,
    pub publication: String,
    pub owner_unit: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
