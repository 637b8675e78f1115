//! Restoring a backup document into an empty database: all of it in one transaction, or nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, IntoActiveModel, Iterable, Statement};
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{FORMAT, TABLES, TableCounts, VERSION, check_every_table_is_known, schema, tables_in};
use crate::entities::*;
use crate::links::{self, LinkTable};
use crate::{Database, RepoError};

/// Values bound per INSERT statement (SQLite allows 32,766, PostgreSQL 65,535).
const VALUES_PER_STATEMENT: usize = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not an intercoop backup: {0}")]
    NotABackup(String),
    #[error("the backup is in version {found} of the format; this intercoop reads version {VERSION}")]
    Version { found: u32 },
    #[error(
        "the backup was written with the schema {found}, this intercoop has {expected}: restore it with the \
         intercoop that wrote it, then upgrade"
    )]
    Schema { found: String, expected: String },
    #[error("the backup is damaged: {0}")]
    Invalid(String),
    #[error("the database already has data (in {0}); a backup is restored only into an empty database")]
    NotEmpty(String),
    #[error(transparent)]
    Repo(#[from] RepoError),
}

/// Restores the backup in `json` into `db`, which must be migrated and empty: every table, in one transaction.
pub async fn import(db: &Database, json: &str) -> Result<TableCounts, ImportError> {
    let head: Head = serde_json::from_str(json).map_err(|e| ImportError::NotABackup(e.to_string()))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotABackup(format!("its \"format\" is not \"{FORMAT}\"")));
    }
    match head.version {
        Some(VERSION) => {}
        Some(found) => return Err(ImportError::Version { found }),
        None => return Err(ImportError::NotABackup("it has no \"version\"".into())),
    }
    let expected = schema();
    if head.schema.as_deref() != Some(expected.as_str()) {
        return Err(ImportError::Schema { found: head.schema.unwrap_or_default(), expected });
    }
    let document: Document = serde_json::from_str(json).map_err(|e| ImportError::Invalid(e.to_string()))?;
    db.write(async |txn| restore(txn, document.tables).await).await
}

/// What is read first, to tell a backup of another format or schema from a damaged one.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u32>,
    schema: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Document {
    format: String,
    version: u32,
    schema: String,
    exported_at: DateTime<Utc>,
    tables: Tables,
}

type Links = Vec<Map<String, Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    programmes: Vec<programme::Model>,
    sections: Vec<section::Model>,
    measures: Vec<measure::Model>,
    partners: Vec<partner::Model>,
    activities: Vec<activity::Model>,
    grants: Vec<grant::Model>,
    agreements: Vec<agreement::Model>,
    activity_measures: Links,
    activity_partners: Links,
    grant_measures: Links,
    grant_activities: Links,
    agreement_measures: Links,
    agreement_partners: Links,
    users: Vec<user::Model>,
    refresh_tokens: Vec<refresh_token::Model>,
    service_accounts: Vec<service_account::Model>,
    idempotency_keys: Vec<idempotency_key::Model>,
    audit_entries: Vec<audit_entry::Model>,
    #[serde(default)]
    record_comments: Vec<record_comment::Model>,
    changes: Vec<change::Model>,
    webhook_subscriptions: Vec<webhook_subscription::Model>,
    webhook_deliveries: Vec<webhook_delivery::Model>,
    report_imports: Vec<report_import::Model>,
    #[serde(default)]
    sign_in_failures: Vec<sign_in_failure::Model>,
    #[serde(default)]
    console_sessions: Vec<console_session::Model>,
}

async fn restore(txn: &DatabaseTransaction, t: Tables) -> Result<TableCounts, ImportError> {
    check_every_table_is_known(txn).await?;
    for table in tables_in(txn).await? {
        let count = txn
            .query_one_raw(Statement::from_string(txn.get_database_backend(), format!("SELECT 1 FROM {table} LIMIT 1")))
            .await
            .map_err(RepoError::from)?;
        if count.is_some() {
            return Err(ImportError::NotEmpty(table));
        }
    }
    let mut counts = TableCounts::default();
    let mut add = |table: &'static str, n: usize| counts.0.push((table, n as u64));
    add("programmes", insert::<programme::Entity>(txn, t.programmes).await?);
    add("sections", insert::<section::Entity>(txn, t.sections).await?);
    add("measures", insert::<measure::Entity>(txn, t.measures).await?);
    add("partners", insert::<partner::Entity>(txn, parents_first(t.partners)).await?);
    add("activities", insert::<activity::Entity>(txn, t.activities).await?);
    add("grants", insert::<grant::Entity>(txn, t.grants).await?);
    add("agreements", insert::<agreement::Entity>(txn, t.agreements).await?);
    let link_rows = [
        t.activity_measures,
        t.activity_partners,
        t.grant_measures,
        t.grant_activities,
        t.agreement_measures,
        t.agreement_partners,
    ];
    for (table, rows) in links::ALL.into_iter().zip(link_rows) {
        add(table.table, insert_links(txn, table, rows).await?);
    }
    add("users", insert::<user::Entity>(txn, t.users).await?);
    add("refresh_tokens", insert::<refresh_token::Entity>(txn, t.refresh_tokens).await?);
    add("service_accounts", insert::<service_account::Entity>(txn, t.service_accounts).await?);
    add("idempotency_keys", insert::<idempotency_key::Entity>(txn, t.idempotency_keys).await?);
    add("audit_entries", insert::<audit_entry::Entity>(txn, t.audit_entries).await?);
    add("record_comments", insert::<record_comment::Entity>(txn, t.record_comments).await?);
    add("changes", insert::<change::Entity>(txn, t.changes).await?);
    add("webhook_subscriptions", insert::<webhook_subscription::Entity>(txn, t.webhook_subscriptions).await?);
    add("webhook_deliveries", insert::<webhook_delivery::Entity>(txn, t.webhook_deliveries).await?);
    add("report_imports", insert::<report_import::Entity>(txn, t.report_imports).await?);
    add("sign_in_failures", insert::<sign_in_failure::Entity>(txn, t.sign_in_failures).await?);
    add("console_sessions", insert::<console_session::Entity>(txn, t.console_sessions).await?);
    if txn.get_database_backend() == DbBackend::Postgres {
        // The next change takes the number after the last restored one.
        let sql =
            "SELECT setval(pg_get_serial_sequence('changes', 'seq'), COALESCE(MAX(seq), 0) + 1, false) FROM changes";
        txn.execute_raw(Statement::from_string(DbBackend::Postgres, sql)).await.map_err(RepoError::from)?;
    }
    debug_assert_eq!(counts.0.iter().map(|(t, _)| *t).collect::<Vec<_>>(), TABLES);
    Ok(counts)
}

/// Inserts the rows as they are, many per statement.
async fn insert<E>(txn: &DatabaseTransaction, rows: Vec<E::Model>) -> Result<usize, ImportError>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
{
    let total = rows.len();
    let per_statement = (VALUES_PER_STATEMENT / E::Column::iter().count()).max(1);
    let mut rows = rows.into_iter();
    loop {
        let batch: Vec<E::ActiveModel> = rows.by_ref().take(per_statement).map(|m| m.into_active_model()).collect();
        if batch.is_empty() {
            break;
        }
        E::insert_many(batch).exec_without_returning(txn).await.map_err(|e| rejected(E::default().table_name(), e))?;
    }
    Ok(total)
}

/// Partners that belong to another (a city's district, an organisation's office) come after it.
fn parents_first(partners: Vec<partner::Model>) -> Vec<partner::Model> {
    let parents: HashMap<Uuid, Option<Uuid>> = partners.iter().map(|p| (p.id, p.parent_id)).collect();
    let depth = |mut id: Uuid| {
        let mut depth = 0;
        while let Some(Some(parent)) = parents.get(&id) {
            depth += 1;
            id = *parent;
            if depth > parents.len() {
                break;
            }
        }
        depth
    };
    let mut ordered: Vec<(usize, partner::Model)> = partners.into_iter().map(|p| (depth(p.id), p)).collect();
    ordered.sort_by_key(|(depth, _)| *depth);
    ordered.into_iter().map(|(_, p)| p).collect()
}

async fn insert_links(txn: &DatabaseTransaction, table: &LinkTable, rows: Links) -> Result<usize, ImportError> {
    let mut columns = vec![table.owner, table.target, "position"];
    columns.extend(table.extra);
    let total = rows.len();
    for (batch_no, batch) in rows.chunks(VALUES_PER_STATEMENT / columns.len()).enumerate() {
        let mut insert = Query::insert();
        insert.into_table(table.table).columns(columns.clone());
        for (i, row) in batch.iter().enumerate() {
            let at = || format!("tables.{}[{}]", table.table, batch_no * (VALUES_PER_STATEMENT / columns.len()) + i);
            let uuid = |column: &str| -> Result<SimpleExpr, ImportError> {
                let text = row.get(column).and_then(Value::as_str);
                let id = text.and_then(|t| Uuid::parse_str(t).ok());
                id.map(SimpleExpr::from).ok_or_else(|| ImportError::Invalid(format!("{}.{column}: not an id", at())))
            };
            let mut values = vec![uuid(table.owner)?, uuid(table.target)?];
            let position = row.get("position").and_then(Value::as_i64).and_then(|p| i32::try_from(p).ok());
            values
                .push(position.ok_or_else(|| ImportError::Invalid(format!("{}.position: not a number", at())))?.into());
            if let Some(extra) = table.extra {
                let text = row.get(extra).and_then(Value::as_str);
                values.push(text.ok_or_else(|| ImportError::Invalid(format!("{}.{extra}: not a text", at())))?.into());
            }
            if row.len() != columns.len() {
                return Err(ImportError::Invalid(format!("{}: has columns other than {}", at(), columns.join(", "))));
            }
            insert.values_panic(values);
        }
        txn.execute(&insert).await.map_err(|e| rejected(table.table, e))?;
    }
    Ok(total)
}

/// A row the database refuses (a reference to a row the backup lacks, a duplicate key) means a damaged backup.
fn rejected(table: &str, e: sea_orm::DbErr) -> ImportError {
    match RepoError::from(e) {
        RepoError::Internal(e) => ImportError::Repo(RepoError::Internal(e)),
        RepoError::Unavailable(e) => ImportError::Repo(RepoError::Unavailable(e)),
        other => ImportError::Invalid(format!("the database refused a row of {table}: {other}")),
    }
}
