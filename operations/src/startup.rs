//! What the service does for itself: opening and migrating the database, the first admin account, the demo
//! programme, generated data for benchmarks, backups, and telling whether the database answers.

use anyhow::Context;
use intercoop_domain::Role;
/// A backup of the whole database as one JSON document (`intercoop export`), and its restore into an empty one.
pub use intercoop_persistence::backup::{ImportError, TableCounts, export, import};
pub use intercoop_persistence::generate::{Counts, Generated};
pub use intercoop_persistence::seed::{KHMELNYTSKYI_2024, SeedSummary, record_id};
use intercoop_persistence::{generate, seed, users};

use crate::accounts::passwords;
use crate::{Caller, Database, DbSettings, Result};

/// Connects to the database and brings its schema up to date; says whether the schema was new.
pub async fn open(url: String, max_connections: u32) -> anyhow::Result<(Database, bool)> {
    let mut settings = DbSettings::new(url);
    settings.max_connections = max_connections;
    let db = Database::connect(&settings).await.context("connecting to the database")?;
    let fresh = db.migrate().await.context("running migrations")?;
    Ok((db, fresh))
}

/// Whether the database answers.
pub async fn ping(db: &Database) -> Result<()> {
    Ok(db.ping().await?)
}

/// With no account yet, creates `admin` with `password`, or with a generated one that is returned to be shown
/// once. There is no default password. `None` when accounts exist already.
pub async fn first_admin(db: &Database, password: Option<String>) -> anyhow::Result<Option<String>> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    let (password, generated) = match password.filter(|p| !p.is_empty()) {
        Some(password) => (password, false),
        None => (passwords::random_password(), true),
    };
    passwords::check_strength(&password).map_err(|e| anyhow::anyhow!("INTERCOOP_ADMIN_PASSWORD: {e}"))?;
    let new = users::NewUser {
        username: "admin".into(),
        email: None,
        display_name: "Administrator".into(),
        role: Role::Admin.as_str().into(),
        unit: None,
        password_hash: passwords::hash(&password)?,
    };
    users::create(db, &Caller::system("first start").actor(), new).await?;
    tracing::info!("created the first account, admin");
    Ok(generated.then_some(password))
}

/// Loads a programme dataset (JSON) into the database.
pub async fn seed(db: &Database, json: &str) -> anyhow::Result<SeedSummary> {
    Ok(seed::load(db, json).await?)
}

/// Fills the database with generated records, for benchmarks and trials.
pub async fn generate(db: &Database, counts: Counts) -> anyhow::Result<Generated> {
    Ok(generate::fill(db, counts).await?)
}
