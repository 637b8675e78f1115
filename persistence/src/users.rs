//! Accounts of people who sign in, and their refresh tokens. Password hashes are made and checked by the API;
//! here they are only stored. Every change to an account is in the audit trail, without the hash.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Action, Actor, Change};
use crate::entities::refresh_token;
use crate::entities::user::{self, Column, Entity, Model};
use crate::support::{Page, PageRequest, now, to_micros};
use crate::{Database, RepoError};

/// A person's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The sign-in name: lower case, unique.
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    /// `viewer`, `editor`, `publisher` or `admin`.
    pub role: String,
    /// The organisational unit the person works for.
    pub unit: Option<String>,
    /// A disabled account cannot sign in, and its tokens stop working.
    pub active: bool,
    /// The argon2id PHC string.
    pub password_hash: String,
}

/// What an account is made of, before it is stored.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub role: String,
    pub unit: Option<String>,
    pub password_hash: String,
}

const KIND: &str = "user";

fn public(u: &User) -> serde_json::Value {
    json!({
        "username": u.username, "email": u.email, "display_name": u.display_name,
        "role": u.role, "unit": u.unit, "active": u.active,
    })
}

pub async fn create(db: &Database, actor: &Actor, new: NewUser) -> Result<User, RepoError> {
    db.write(async |txn| {
        let now = now();
        let user = User {
            id: Uuid::now_v7(),
            version: 1,
            created_at: now,
            updated_at: now,
            username: new.username.trim().to_lowercase(),
            email: new.email,
            display_name: new.display_name,
            role: new.role,
            unit: new.unit,
            active: true,
            password_hash: new.password_hash,
        };
        to_model(&user).into_active_model().insert(txn).await.map_err(|e| match RepoError::from(e) {
            RepoError::Conflict(_) => RepoError::Conflict(format!("the username '{}' is taken", user.username)),
            other => other,
        })?;
        let change = Change {
            action: Action::Create,
            record_type: KIND,
            record_id: user.id,
            version: Some(1),
            before: None,
            after: Some(public(&user)),
            actor,
        };
        audit::write(txn, change).await?;
        Ok(user)
    })
    .await
}

/// Changes an account with what `change` makes of it, in one transaction with its audit entry.
pub async fn update<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    change: impl FnOnce(&User) -> Result<User, E>,
) -> Result<User, E> {
    db.write(async |txn| {
        let model = Entity::find_by_id(id).lock_exclusive().one(txn).await.map_err(RepoError::from)?;
        let current = from_model(model.ok_or(RepoError::NotFound { kind: KIND, id })?);
        let mut next = change(&current)?;
        next.id = current.id;
        next.version = current.version + 1;
        next.created_at = current.created_at;
        next.updated_at = now();
        to_model(&next).into_active_model().reset_all().update(txn).await.map_err(RepoError::from)?;
        let mut after = public(&next);
        if next.password_hash != current.password_hash {
            after["password"] = json!("changed");
        }
        if next.password_hash != current.password_hash || !next.active {
            revoke_all_refresh_tokens(txn, id).await?;
            crate::entities::console_session::Entity::delete_many()
                .filter(crate::entities::console_session::Column::UserId.eq(id))
                .exec(txn)
                .await
                .map_err(RepoError::from)?;
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

/// The account of `username` (in any case); none for a name no account can have (with a NUL character, which
/// PostgreSQL text cannot hold).
pub async fn by_username(db: &Database, username: &str) -> Result<Option<User>, RepoError> {
    if username.contains('\0') {
        return Ok(None);
    }
    let model = Entity::find().filter(Column::Username.eq(username.trim().to_lowercase())).one(db.connection()).await?;
    Ok(model.map(from_model))
}

/// The account whose stored credential is exactly `hash` (an identity provider's link, which no password matches).
pub async fn by_password_hash(db: &Database, hash: &str) -> Result<Option<User>, RepoError> {
    let model = Entity::find().filter(Column::PasswordHash.eq(hash)).one(db.connection()).await?;
    Ok(model.map(from_model))
}

pub async fn get(db: &Database, id: Uuid) -> Result<User, RepoError> {
    let model = Entity::find_by_id(id).one(db.connection()).await?;
    model.map(from_model).ok_or(RepoError::NotFound { kind: KIND, id })
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

pub async fn count(db: &Database) -> Result<u64, RepoError> {
    Ok(Entity::find().count(db.connection()).await?)
}

/// Accounts by username.
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<User>, RepoError> {
    let query = Entity::find();
    let total = query.clone().count(db.connection()).await?;
    let models =
        query.order_by_asc(Column::Username).limit(page.limit).offset(page.offset).all(db.connection()).await?;
    Ok(Page { total, items: models.into_iter().map(from_model).collect() })
}

/// Stores a new refresh token (by its hash) for the user.
pub async fn add_refresh_token(
    db: &Database,
    user_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    db.write(async |txn| insert_refresh(txn, user_id, token_hash, expires_at).await).await
}

async fn insert_refresh(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    refresh_token::Model {
        id: Uuid::now_v7(),
        token_hash: token_hash.to_owned(),
        user_id,
        created_at: now(),
        expires_at: to_micros(expires_at),
        revoked_at: None,
    }
    .into_active_model()
    .insert(conn)
    .await?;
    Ok(())
}

/// Trades a live refresh token for a new one: the old one is revoked in the same transaction, so each can be
/// used once. None when the token is unknown, used, revoked, expired, or its user is disabled.
pub async fn rotate_refresh_token(
    db: &Database,
    old_hash: &str,
    new_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<Option<User>, RepoError> {
    db.write(async |txn| {
        let token = refresh_token::Entity::find()
            .filter(refresh_token::Column::TokenHash.eq(old_hash))
            .lock_exclusive()
            .one(txn)
            .await?;
        let Some(token) = token.filter(|t| t.revoked_at.is_none() && t.expires_at > Utc::now()) else {
            return Ok(None);
        };
        let user = Entity::find_by_id(token.user_id).one(txn).await?.map(from_model).filter(|u| u.active);
        let Some(user) = user else { return Ok(None) };
        let mut revoked = token.into_active_model();
        revoked.revoked_at = sea_orm::ActiveValue::Set(Some(now()));
        revoked.update(txn).await?;
        insert_refresh(txn, user.id, new_hash, expires_at).await?;
        Ok(Some(user))
    })
    .await
}

/// Revokes a refresh token; true when it was live.
pub async fn revoke_refresh_token(db: &Database, token_hash: &str) -> Result<bool, RepoError> {
    db.write(async |txn| {
        let result = refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now()))
            .filter(refresh_token::Column::TokenHash.eq(token_hash))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(txn)
            .await?;
        Ok(result.rows_affected > 0)
    })
    .await
}

/// Ends every session of an account: a new password or a disabled account leaves no refresh token live, and
/// enabling the account again brings none back.
async fn revoke_all_refresh_tokens(conn: &impl ConnectionTrait, user_id: Uuid) -> Result<(), RepoError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

fn to_model(u: &User) -> Model {
    user::Model {
        id: u.id,
        version: u.version,
        created_at: u.created_at,
        updated_at: u.updated_at,
        username: u.username.clone(),
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role: u.role.clone(),
        unit: u.unit.clone(),
        active: u.active,
        password_hash: u.password_hash.clone(),
    }
}

pub(crate) fn from_model(m: Model) -> User {
    User {
        id: m.id,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        username: m.username,
        email: m.email,
        display_name: m.display_name,
        role: m.role,
        unit: m.unit,
        active: m.active,
        password_hash: m.password_hash,
    }
}
