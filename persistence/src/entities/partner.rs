use intercoop_domain::LocalizedText;
use sea_orm::entity::prelude::*;

use super::JsonOf;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(column_type = "Json")]
    pub name: JsonOf<LocalizedText>,
    pub name_key: String,
    #[sea_orm(column_type = "Json")]
    pub aliases: JsonOf<Vec<String>>,
    pub kind: String,
    pub country: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub city: Option<JsonOf<LocalizedText>>,
    pub website: Option<String>,
    pub parent_id: Option<Uuid>,
    pub partner_since: Option<Date>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub publication: String,
    pub owner_unit: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
