//! Service accounts: other municipal systems that sign in with a client id and secret (OAuth2 client
//! credentials). The secret is stored by its hash; every change is in the audit trail, without it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Action, Actor, Change};
use crate::entities::service_account::{Column, Entity, Model};
use crate::support::{Page, PageRequest, from_json, now, to_json};
use crate::{Database, RepoError};

/// A system's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAccount {
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What the system signs in as: unique.
    pub client_id: String,
    pub name: String,
    pub role: String,
    pub unit: Option<String>,
    pub scopes: Vec<String>,
    pub active: bool,
    pub secret_hash: String,
}

const KIND: &str = "service_account";

fn public(a: &ServiceAccount) -> serde_json::Value {
    json!({"client_id": a.client_id, "name": a.name, "role": a.role, "unit": a.unit, "scopes": a.scopes, "active": a.active})
}

/// Stores a new account; `account.id`, version and timestamps are set here.
pub async fn create(db: &Database, actor: &Actor, mut account: ServiceAccount) -> Result<ServiceAccount, RepoError> {
    db.write(async |txn| {
        let now = now();
        account.id = Uuid::now_v7();
        account.version = 1;
        account.created_at = now;
        account.updated_at = now;
        account.active = true;
        to_model(&account).into_active_model().insert(txn).await.map_err(|e| match RepoError::from(e) {
            RepoError::Conflict(_) => RepoError::Conflict(format!("the client id '{}' is taken", account.client_id)),
            other => other,
        })?;
        let entry = Change {
            action: Action::Create,
            record_type: KIND,
            record_id: account.id,
            version: Some(1),
            before: None,
            after: Some(public(&account)),
            actor,
        };
        audit::write(txn, entry).await?;
        Ok(account)
    })
    .await
}

/// Changes an account with what `change` makes of it, in one transaction with its audit entry.
pub async fn update<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    change: impl FnOnce(&ServiceAccount) -> Result<ServiceAccount, E>,
) -> Result<ServiceAccount, E> {
    db.write(async |txn| {
        let model = Entity::find_by_id(id).lock_exclusive().one(txn).await.map_err(RepoError::from)?;
        let current = from_model(model.ok_or(RepoError::NotFound { kind: KIND, id })?)?;
        let mut next = change(&current)?;
        next.id = current.id;
        next.client_id = current.client_id.clone();
        next.version = current.version + 1;
        next.created_at = current.created_at;
        next.updated_at = now();
        to_model(&next).into_active_model().reset_all().update(txn).await.map_err(RepoError::from)?;
        let mut after = public(&next);
        if next.secret_hash != current.secret_hash {
            after["secret"] = json!("replaced");
        }
        let entry = Change {
            action: Action::Update,
            record_type: KIND,
            record_id: id,
            version: Some(next.version),
            before: Some(public(&current)),
            after: Some(after),
            actor,
        };
        audit::write(txn, entry).await?;
        Ok(next)
    })
    .await
}

/// The service account of `client_id`; none for an id no account can have (with a NUL character, which
/// PostgreSQL text cannot hold).
pub async fn by_client_id(db: &Database, client_id: &str) -> Result<Option<ServiceAccount>, RepoError> {
    if client_id.contains('\0') {
        return Ok(None);
    }
    Entity::find().filter(Column::ClientId.eq(client_id)).one(db.connection()).await?.map(from_model).transpose()
}

pub async fn get(db: &Database, id: Uuid) -> Result<ServiceAccount, RepoError> {
    Entity::find_by_id(id)
        .one(db.connection())
        .await?
        .map(from_model)
        .transpose()?
        .ok_or(RepoError::NotFound { kind: KIND, id })
}

/// What an enabled account may do now: its role and unit as stored (a change takes effect on the next request,
/// whatever its tokens say); none when it is disabled or gone.
pub async fn access(db: &Database, id: Uuid) -> Result<Option<(String, Option<String>)>, RepoError> {
    let row = Entity::find_by_id(id)
        .select_only()
        .columns([Column::Active, Column::Role, Column::Unit])
        .into_tuple::<(bool, String, Option<String>)>()
        .one(db.connection())
        .await?;
    Ok(row.filter(|(active, ..)| *active).map(|(_, role, unit)| (role, unit)))
}

/// Accounts by client id.
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<ServiceAccount>, RepoError> {
    let query = Entity::find();
    let total = query.clone().count(db.connection()).await?;
    let models =
        query.order_by_asc(Column::ClientId).limit(page.limit).offset(page.offset).all(db.connection()).await?;
    Ok(Page { total, items: models.into_iter().map(from_model).collect::<Result<_, _>>()? })
}

fn to_model(a: &ServiceAccount) -> Model {
    Model {
        id: a.id,
        version: a.version,
        created_at: a.created_at,
        updated_at: a.updated_at,
        client_id: a.client_id.clone(),
        name: a.name.clone(),
        role: a.role.clone(),
        unit: a.unit.clone(),
        scopes: to_json(&a.scopes),
        active: a.active,
        secret_hash: a.secret_hash.clone(),
    }
}

fn from_model(m: Model) -> Result<ServiceAccount, RepoError> {
    Ok(ServiceAccount {
        id: m.id,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        client_id: m.client_id,
        name: m.name,
        role: m.role,
        unit: m.unit,
        scopes: from_json(m.scopes, "service account scopes")?,
        active: m.active,
        secret_hash: m.secret_hash,
    })
}
