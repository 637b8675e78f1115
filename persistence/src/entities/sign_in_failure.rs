use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[sea_orm(table_name = "sign_in_failures")]
pub struct Model {
    /// The SHA-256 of `user:NAME`, `client:ID` or `address:IP`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Attempts since the last success (each counted before its password is checked).
    pub failures: i32,
    pub last_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
