use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub name: Json,
    pub name_key: String,
    pub aliases: Json,
    pub kind: String,
    pub country: Option<String>,
    pub city: Option<Json>,
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
