use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// The writing transaction's id on PostgreSQL (set by the database), 0 on SQLite. Meaningless in another
    /// database, so a backup leaves it out and a restored change has 0 (see `crate::backup`).
    #[serde(skip)]
    pub txid: i64,
    pub at: DateTimeUtc,
    pub action: String,
    pub record_type: String,
    pub record_id: Uuid,
    pub record_version: i32,
    pub record: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
