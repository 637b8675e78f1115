use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use intercoop_migrations::{MigrationStatus, Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement, TransactionTrait,
};
use tokio::sync::{Mutex, Notify};

use crate::RepoError;

/// How to reach the database.
#[derive(Clone)]
pub struct DbSettings {
    /// `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    pub url: String,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl DbSettings {
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into(), max_connections: 10, acquire_timeout: Duration::from_secs(5) }
    }
}

/// The connection pool, and for SQLite the lock that lets one write transaction run at a time in this process
/// (SQLite allows one writer; queuing here avoids busy errors and lock upgrades that fail).
#[derive(Clone)]
pub struct Database {
    conn: DatabaseConnection,
    write_lock: Option<Arc<Mutex<()>>>,
    changed: Arc<Notify>,
    statements: Arc<AtomicU64>,
}

impl Database {
    pub async fn connect(settings: &DbSettings) -> Result<Self, RepoError> {
        if let Some(path) = sqlite_file(&settings.url) {
            private_file(&path).map_err(|e| RepoError::Internal(anyhow::anyhow!("{}: {e}", path.display())))?;
        }
        let mut opts = ConnectOptions::new(settings.url.clone());
        opts.max_connections(settings.max_connections)
            .min_connections(1)
            .acquire_timeout(settings.acquire_timeout)
            // A connection idle for a while may have been dropped by the server or the network: it is pinged
            // before use. Pinging every checkout would add a round trip to each statement.
            .test_before_acquire_if_idle_for(Duration::from_secs(30))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
            });
        let mut conn = sea_orm::Database::connect(opts).await.map_err(RepoError::from)?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = statements.clone();
        conn.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::Relaxed);
            tracing::trace!(target: "intercoop::sql", elapsed_us = info.elapsed.as_micros() as u64, "{}", info.statement);
        });
        let write_lock = (conn.get_database_backend() == DbBackend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Self { conn, write_lock, changed: Arc::new(Notify::new()), statements })
    }

    /// How many SQL statements this pool has run (transaction control aside). Every statement is also logged, with
    /// its values, at TRACE under the target `intercoop::sql`.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Brings the schema up to date; returns true when the database had no schema before (a first start).
    pub async fn migrate(&self) -> Result<bool, RepoError> {
        let _guard = self.lock_writes().await;
        let applied = Migrator::get_migration_with_status(&self.conn)
            .await
            .map(|all| all.iter().filter(|m| m.status() == MigrationStatus::Applied).count())
            .unwrap_or(0);
        Migrator::up(&self.conn, None).await.map_err(RepoError::from)?;
        Ok(applied == 0)
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), RepoError> {
        self.conn
            .query_one_raw(Statement::from_string(self.backend(), "SELECT 1"))
            .await
            .map(|_| ())
            .map_err(RepoError::from)
    }

    /// Completes after a write transaction of this process that queued webhook deliveries commits (or at once if one
    /// did since the last call).
    pub async fn changed(&self) {
        self.changed.notified().await
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// The pool's connections: (open, idle, the most it opens).
    pub fn pool_use(&self) -> (u32, usize, u32) {
        match self.backend() {
            DbBackend::Postgres => {
                let pool = self.conn.get_postgres_connection_pool();
                (pool.size(), pool.num_idle(), pool.options().get_max_connections())
            }
            _ => {
                let pool = self.conn.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle(), pool.options().get_max_connections())
            }
        }
    }

    pub async fn close(self) {
        let _ = self.conn.close().await;
    }

    async fn lock_writes(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.write_lock {
            Some(lock) => Some(lock.lock().await),
            None => None,
        }
    }

    /// Runs `work` in one transaction: committed when it returns Ok, rolled back otherwise, so a failed request
    /// changes nothing.
    pub async fn write<T, E: From<RepoError>>(
        &self,
        work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
    ) -> Result<T, E> {
        let _guard = self.lock_writes().await;
        let queued = crate::webhooks::queued();
        let txn = self.conn.begin().await.map_err(RepoError::from)?;
        match work(&txn).await {
            Ok(value) => {
                txn.commit().await.map_err(RepoError::from)?;
                // Also when another transaction queued them meanwhile: waking the worker once too often is harmless.
                if crate::webhooks::queued() != queued {
                    self.changed.notify_one();
                }
                Ok(value)
            }
            Err(e) => {
                let _ = txn.rollback().await;
                Err(e)
            }
        }
    }
}

/// The file of a SQLite URL (`sqlite://data/intercoop.sqlite?mode=rwc`); none for an in-memory database or
/// another backend.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:") && !url.contains("mode=memory")).then(|| path.into())
}

/// The database holds password hashes and secrets: its file is readable by its owner only (SQLite gives its
/// journal and WAL files the same mode), made so when new and narrowed when found wider.
fn private_file(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
            tracing::info!(path = %path.display(), "the database file was readable by others; now by its owner only");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(drop)
        }
        Err(e) => Err(e),
    }
}
