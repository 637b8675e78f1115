use intercoop_domain::FieldErrors;
use sea_orm::{DbErr, RuntimeErr, SqlErr};
use uuid::Uuid;

/// What can go wrong in a repository call, in the terms the API answers with.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("{kind} {id} does not exist")]
    NotFound { kind: &'static str, id: Uuid },
    /// The content clashes with a record that exists (a unique name or code).
    #[error("{0}")]
    Conflict(String),
    /// The record is still referred to by others and cannot be deleted.
    #[error("{0}")]
    InUse(String),
    /// The content refers to records that do not exist, or breaks a rule that needs the database to check.
    #[error("invalid content")]
    Invalid(FieldErrors),
    /// The database cannot be reached right now.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<DbErr> for RepoError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(m)) => {
                return RepoError::Conflict(format!("a record with the same unique value exists ({m})"));
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                return RepoError::InUse("the record is referred to by other records".into());
            }
            _ if is_sqlite_foreign_key_error(&e) => {
                return RepoError::InUse("the record is referred to by other records".into());
            }
            _ => {}
        }
        match &e {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(RuntimeErr::SqlxError(_)) => {
                RepoError::Unavailable(e.to_string())
            }
            DbErr::Exec(RuntimeErr::SqlxError(inner)) | DbErr::Query(RuntimeErr::SqlxError(inner))
                if is_connection_error(inner) =>
            {
                RepoError::Unavailable(e.to_string())
            }
            _ => RepoError::Internal(anyhow::Error::new(e)),
        }
    }
}

fn is_connection_error(e: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match e {
        Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::Tls(_) | Error::WorkerCrashed => true,
        Error::Database(db) => db.try_downcast_ref::<sea_orm::sqlx::postgres::PgDatabaseError>().is_some_and(|pg| {
            // Class 08 (connection exception) and 57P (the server shutting down, crashed or starting): a pooled
            // connection learns of them at its next statement.
            pg.code().starts_with("08") || pg.code().starts_with("57P")
        }),
        _ => false,
    }
}

/// SQLite reports some foreign-key failures (a deferred check, a self-reference) under codes sea-orm does not map.
fn is_sqlite_foreign_key_error(e: &DbErr) -> bool {
    match e {
        DbErr::Exec(RuntimeErr::SqlxError(inner)) | DbErr::Query(RuntimeErr::SqlxError(inner)) => {
            match inner.as_ref() {
                sea_orm::sqlx::Error::Database(db) => {
                    db.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>().is_some()
                        && db.message().contains("FOREIGN KEY constraint failed")
                }
                _ => false,
            }
        }
        _ => false,
    }
}
