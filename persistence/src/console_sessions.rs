//! The staff console's sessions: a row per signed-in browser, found by the hash of its cookie's token. A session
//! is only as good as its account: a disabled account's sessions are not found.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use crate::entities::console_session::{Column, Entity, Model};
use crate::entities::user;
use crate::support::{now, to_micros};
use crate::users::User;
use crate::{Database, RepoError};

/// A session found by its token, with its account as it is now.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new session; sessions of any account that have expired are dropped on the way.
pub async fn create(
    db: &Database,
    token_hash: &str,
    user_id: Uuid,
    csrf_token: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = Model {
        token_hash: token_hash.to_owned(),
        user_id,
        csrf_token: csrf_token.to_owned(),
        created_at: now(),
        expires_at: to_micros(expires_at),
    };
    db.write(async |txn| {
        Entity::delete_many().filter(Column::ExpiresAt.lte(now())).exec(txn).await?;
        row.into_active_model().insert(txn).await?;
        Ok(())
    })
    .await
}

/// The live session with this token, when its account is active.
pub async fn find(db: &Database, token_hash: &str) -> Result<Option<Session>, RepoError> {
    let conn = db.connection();
    let Some(session) = Entity::find_by_id(token_hash.to_owned()).filter(Column::ExpiresAt.gt(now())).one(conn).await?
    else {
        return Ok(None);
    };
    let user = user::Entity::find_by_id(session.user_id).one(conn).await?.map(crate::users::from_model);
    Ok(user.filter(|u| u.active).map(|user| Session {
        user,
        csrf_token: session.csrf_token,
        created_at: session.created_at,
        expires_at: session.expires_at,
    }))
}

/// Moves the session's end to `expires_at` (a session in use lives on).
pub async fn extend(db: &Database, token_hash: &str, expires_at: DateTime<Utc>) -> Result<(), RepoError> {
    let token_hash = token_hash.to_owned();
    db.write(async |txn| {
        Entity::update_many()
            .col_expr(Column::ExpiresAt, sea_orm::sea_query::Expr::value(to_micros(expires_at)))
            .filter(Column::TokenHash.eq(token_hash))
            .exec(txn)
            .await?;
        Ok(())
    })
    .await
}

/// Ends the session (signing out); an unknown token is no error.
pub async fn delete(db: &Database, token_hash: &str) -> Result<(), RepoError> {
    let token_hash = token_hash.to_owned();
    db.write(async |txn| {
        Entity::delete_by_id(token_hash).exec(txn).await?;
        Ok(())
    })
    .await
}
