//! Comments kept with a record: the reason a publisher gave when returning it, and notes between a unit and the
//! publishers. Each is written in the transaction of what it comes with, and deleted with the record.

use chrono::{DateTime, Utc};
use intercoop_domain::Stored;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::audit::Actor;
use crate::crud::{Record, find};
use crate::entities::record_comment::{Column, Entity, Model};
use crate::support::now;
use crate::{Database, RepoError};

/// A comment on a record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordComment {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_role: String,
    /// The workflow step it came with (`return`, `submit`...), or none for a note.
    pub step: Option<String>,
    /// The record's version when it was written.
    pub record_version: i32,
    pub body: String,
}

/// Writes a comment inside the caller's transaction.
pub(crate) async fn write(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    (record_type, record_id, record_version): (&str, Uuid, i32),
    step: Option<&str>,
    body: &str,
) -> Result<RecordComment, RepoError> {
    let row = Model {
        id: Uuid::now_v7(),
        record_type: record_type.to_owned(),
        record_id,
        record_version,
        step: step.map(str::to_owned),
        body: body.to_owned(),
        actor: actor.subject.clone(),
        actor_role: actor.role.clone(),
        at: now(),
    };
    Ok(from_model(row.into_active_model().insert(conn).await?))
}

/// Deletes a record's comments, inside the transaction that deletes the record.
pub(crate) async fn delete_of(
    conn: &impl ConnectionTrait,
    record_type: &str,
    record_id: Uuid,
) -> Result<(), RepoError> {
    Entity::delete_many()
        .filter(Column::RecordType.eq(record_type))
        .filter(Column::RecordId.eq(record_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Adds a note to the record if `allow` agrees after seeing it.
pub(crate) async fn add<R: Record, E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    body: &str,
    allow: impl FnOnce(&Stored<R::Draft>) -> Result<(), E>,
) -> Result<RecordComment, E> {
    db.write(async |txn| {
        let current = find::<R>(txn, id, true).await?;
        allow(&current)?;
        Ok(write(txn, actor, (R::KIND, id, current.meta.version), None, body).await?)
    })
    .await
}

/// A record's comments, the oldest first.
pub async fn list(db: &Database, record_type: &str, record_id: Uuid) -> Result<Vec<RecordComment>, RepoError> {
    let rows = Entity::find()
        .filter(Column::RecordType.eq(record_type))
        .filter(Column::RecordId.eq(record_id))
        .order_by_asc(Column::At)
        .order_by_asc(Column::Id)
        .all(db.connection())
        .await?;
    Ok(rows.into_iter().map(from_model).collect())
}

fn from_model(m: Model) -> RecordComment {
    RecordComment {
        id: m.id,
        at: m.at,
        actor: m.actor,
        actor_role: m.actor_role,
        step: m.step,
        record_version: m.record_version,
        body: m.body,
    }
}
