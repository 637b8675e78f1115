use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "report_imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub programme_id: Option<Uuid>,
    pub year: i32,
    pub file_name: String,
    pub text: String,
    pub state: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub applied_by: Option<String>,
    pub applied_at: Option<DateTimeUtc>,
    pub created_activities: Option<Json>,
    #[serde(default)]
    pub owner_unit: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
