//! Small helpers shared by the repositories.

use std::collections::HashSet;

use chrono::{DateTime, SubsecRound, Utc};
use intercoop_domain::{FieldErrors, Meta};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, JsonValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::RepoError;

/// One page of a list, and how many items the whole list has.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub limit: u64,
    pub offset: u64,
}

/// Which records a caller may see: anonymous callers see published records only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    PublishedOnly,
    All,
}

/// A sort order: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<C> {
    pub column: C,
    pub descending: bool,
}

/// Timestamps with the microsecond precision both databases keep, so what is returned equals what is stored.
/// The most values one `IN (...)` list holds: longer lists go in several statements, under SQLite's and
/// PostgreSQL's limits on bound parameters (32,766 and 65,535).
pub(crate) const IN_LIST_MAX: usize = 10_000;

/// Every column of `E` but `search_text`, read as an empty string: that column only serves `q` filters.
pub(crate) fn without_search_text<E: sea_orm::EntityTrait>() -> sea_orm::Select<E> {
    use sea_orm::{IdenStatic, Iterable, QuerySelect};
    let columns = E::Column::iter().filter(|c| c.as_str() != "search_text");
    E::find().select_only().columns(columns).column_as(Expr::val(""), "search_text")
}

/// The time now, to the microsecond: timestamps are kept as PostgreSQL keeps them, so that SQLite holds the same
/// values and a backup moves between the two unchanged.
pub(crate) fn now() -> DateTime<Utc> {
    to_micros(Utc::now())
}

/// A time to be stored, to the microsecond (see `now`).
pub(crate) fn to_micros(time: DateTime<Utc>) -> DateTime<Utc> {
    time.trunc_subsecs(6)
}

/// The metadata of a new record: records with a workflow start as drafts.
pub(crate) fn new_meta(workflow: bool) -> Meta {
    let now = now();
    let publication = workflow.then_some(intercoop_domain::PublicationState::Draft);
    Meta { id: Uuid::now_v7(), version: 1, created_at: now, updated_at: now, publication }
}

pub(crate) fn next_meta(current: &Meta) -> Meta {
    Meta { version: current.version + 1, updated_at: now(), ..*current }
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> JsonValue {
    serde_json::to_value(value).expect("domain values serialize")
}

pub(crate) fn from_json<T: DeserializeOwned>(value: JsonValue, what: &str) -> Result<T, RepoError> {
    serde_json::from_value(value).map_err(|e| RepoError::Internal(anyhow::anyhow!("stored {what} does not parse: {e}")))
}

/// A stored JSON document read as text, parsed straight into its type.
pub(crate) fn from_json_text<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, RepoError> {
    serde_json::from_str(text).map_err(|e| RepoError::Internal(anyhow::anyhow!("stored {what} does not parse: {e}")))
}

pub(crate) fn parse_stored<T>(text: &str, parse: impl Fn(&str) -> Option<T>, what: &str) -> Result<T, RepoError> {
    parse(text).ok_or_else(|| RepoError::Internal(anyhow::anyhow!("stored {what} '{text}' is not a known value")))
}

/// A case-insensitive substring match on a lower-cased search column; `%`, `_` and `\` match themselves.
pub(crate) fn contains(column: &'static str, needle: &str) -> SimpleExpr {
    let escaped: String = needle
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// The ids among `ids` that have no row in `table`.
pub(crate) async fn missing_ids(
    conn: &impl ConnectionTrait,
    table: &'static str,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, RepoError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = Query::select().column("id").from(table).and_where(Expr::col("id").is_in(ids.to_vec())).to_owned();
    let found: HashSet<Uuid> =
        conn.query_all(&query).await?.iter().map(|row| row.try_get::<Uuid>("", "id")).collect::<Result<_, _>>()?;
    Ok(ids.iter().copied().filter(|id| !found.contains(id)).collect())
}

/// Adds an error for every id in the list (`field[i]`, or `field[i].suffix`) that names no record of `table`.
pub(crate) async fn check_refs(
    conn: &impl ConnectionTrait,
    table: &'static str,
    noun: &str,
    field: &str,
    suffix: &str,
    ids: &[Uuid],
    errors: &mut FieldErrors,
) -> Result<(), RepoError> {
    let missing = missing_ids(conn, table, ids).await?;
    for (i, id) in ids.iter().enumerate() {
        if missing.contains(id) {
            errors.add(format!("{field}[{i}]{suffix}"), "unknown_reference", format!("no {noun} has the id {id}"));
        }
    }
    Ok(())
}

/// Adds an error if a single optional reference names no record.
pub(crate) async fn check_ref(
    conn: &impl ConnectionTrait,
    table: &'static str,
    noun: &str,
    field: &str,
    id: Option<Uuid>,
    errors: &mut FieldErrors,
) -> Result<(), RepoError> {
    if let Some(id) = id
        && !missing_ids(conn, table, &[id]).await?.is_empty()
    {
        errors.add(field, "unknown_reference", format!("no {noun} has the id {id}"));
    }
    Ok(())
}

/// The first and last day of a year, or a validation error naming `year`.
pub(crate) fn year_bounds(year: i32) -> Result<(chrono::NaiveDate, chrono::NaiveDate), RepoError> {
    let bad = || {
        RepoError::Invalid(FieldErrors::single("year", "range", format!("{year} is not a year the calendar can hold")))
    };
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
    Ok((first, last))
}
