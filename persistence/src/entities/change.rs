use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// The writing transaction's id on PostgreSQL (set by the database), 0 on SQLite.
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
