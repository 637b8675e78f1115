//! What every record type shares: create, update, delete and get in one transaction each, and the paging of lists.

use intercoop_domain::{Meta, PublicationState, Stored};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use serde::Serialize;

use crate::audit::{self, Action, Actor, Change};
use crate::changes::{self, record_json};
use crate::comments;
use crate::entities::{audit_entry, change};
use crate::links::{LinkRow, LinkTable};
use crate::support::{Page, PageRequest, Visibility, new_meta, next_meta, to_json};
use crate::{Database, RepoError};

/// How one record type maps onto its table.
pub(crate) trait Record {
    type Draft: Clone + Serialize;
    type Entity: EntityTrait<Model = Self::Model, Column = Self::Column>;
    type Model: IntoActiveModel<Self::Active> + Send + Sync;
    type Active: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + Send;
    type Column: ColumnTrait;

    /// The record's name in messages: "partner".
    const KIND: &'static str;
    const ID: Self::Column;

    fn to_model(record: &Stored<Self::Draft>) -> Self::Model;
    fn from_model(model: Self::Model) -> Result<Stored<Self::Draft>, RepoError>;

    /// The query that reads records: types with a derived search column leave it out, as it is never read back.
    fn read() -> Select<Self::Entity> {
        Self::Entity::find()
    }

    /// Puts content in the form it is stored in (amounts with their currency's decimals), so that what a write
    /// returns is what a later read returns.
    fn normalize(draft: Self::Draft) -> Self::Draft {
        draft
    }

    /// Whether the record moves through the workflow, draft -> submitted -> published -> withdrawn (and anonymous
    /// callers see it only when published); records without a workflow are always public.
    const WORKFLOW: bool = false;

    /// Checks what the database must check: that referenced records exist, that codes fit.
    async fn check_references(
        _txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        _draft: &Self::Draft,
    ) -> Result<(), RepoError> {
        Ok(())
    }

    /// Fills in what the record keeps in link tables, for a batch of records in a constant number of queries.
    async fn load_links(_conn: &impl ConnectionTrait, _records: &mut [Stored<Self::Draft>]) -> Result<(), RepoError> {
        Ok(())
    }

    /// The record's rows in link tables: each table with the record's targets, in order.
    fn links(_record: &Stored<Self::Draft>) -> Vec<(&'static LinkTable, Vec<LinkRow>)> {
        Vec::new()
    }

    /// The message of a unique-key clash.
    fn clash(draft: &Self::Draft) -> String;

    /// The message when the record cannot be deleted because others refer to it.
    fn in_use() -> String {
        format!("the {} is still referred to by other records; remove those references first", Self::KIND)
    }
}

/// Whether anonymous callers may see a record in this state.
pub(crate) fn is_public(meta: &Meta) -> bool {
    meta.publication.is_none_or(|p| p == PublicationState::Published)
}

fn map_clash<R: Record>(e: RepoError, draft: &R::Draft) -> RepoError {
    match e {
        RepoError::Conflict(_) => RepoError::Conflict(R::clash(draft)),
        other => other,
    }
}

pub(crate) async fn find<R: Record>(
    conn: &impl ConnectionTrait,
    id: Uuid,
    for_update: bool,
) -> Result<Stored<R::Draft>, RepoError> {
    let mut records = [find_row::<R>(conn, id, for_update).await?];
    R::load_links(conn, &mut records).await?;
    let [record] = records;
    Ok(record)
}

/// The record's own row, without what it keeps in link tables.
async fn find_row<R: Record>(
    conn: &impl ConnectionTrait,
    id: Uuid,
    for_update: bool,
) -> Result<Stored<R::Draft>, RepoError> {
    let mut query = R::read().filter(R::ID.eq(id));
    if for_update {
        query = query.lock_exclusive();
    }
    let model = query.one(conn).await?.ok_or(RepoError::NotFound { kind: R::KIND, id })?;
    R::from_model(model)
}

pub(crate) async fn create<R: Record>(
    db: &Database,
    actor: &Actor,
    draft: R::Draft,
) -> Result<Stored<R::Draft>, RepoError> {
    db.write(async |txn| create_in::<R>(txn, actor, new_meta(R::WORKFLOW), draft).await).await
}

/// Stores a new record with the given metadata inside a transaction the caller runs.
pub(crate) async fn create_in<R: Record>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    meta: Meta,
    draft: R::Draft,
) -> Result<Stored<R::Draft>, RepoError> {
    R::check_references(txn, None, &draft).await?;
    let record = Stored { meta, data: R::normalize(draft) };
    R::to_model(&record).into_active_model().insert(txn).await.map_err(|e| map_clash::<R>(e.into(), &record.data))?;
    for (table, rows) in R::links(&record) {
        table.insert(txn, rows.iter().map(|row| (record.meta.id, row))).await?;
    }
    audit::write(txn, creation::<R>(&record, actor)).await?;
    changes::append(txn, Action::Create, R::KIND, record.meta.id, record.meta.version, Some(record_json(&record)))
        .await?;
    Ok(record)
}

/// Stores many new records at once, with the rows `create_in` writes for each (links, trail, change feed), in a few
/// statements per few hundred records: for generated data. The caller vouches for the references, which are not
/// checked, and the changes make no webhook deliveries.
pub(crate) async fn insert_batch<R: Record>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    records: &[Stored<R::Draft>],
) -> Result<(), RepoError> {
    for chunk in records.chunks(400) {
        R::Entity::insert_many(chunk.iter().map(|r| R::to_model(r).into_active_model()))
            .exec_without_returning(txn)
            .await?;
        let mut tables: Vec<(&'static LinkTable, Vec<(Uuid, LinkRow)>)> = Vec::new();
        for record in chunk {
            for (table, rows) in R::links(record) {
                let at = match tables.iter().position(|(t, _)| t.table == table.table) {
                    Some(at) => at,
                    None => {
                        tables.push((table, Vec::new()));
                        tables.len() - 1
                    }
                };
                tables[at].1.extend(rows.into_iter().map(|row| (record.meta.id, row)));
            }
        }
        for (table, rows) in &tables {
            table.insert(txn, rows.iter().map(|(owner, row)| (*owner, row))).await?;
        }
        audit_entry::Entity::insert_many(
            chunk.iter().map(|record| audit::entry(creation::<R>(record, actor)).into_active_model()),
        )
        .exec_without_returning(txn)
        .await?;
        change::Entity::insert_many(chunk.iter().map(|record| {
            let json = Some(record_json(record));
            changes::entry(Action::Create, R::KIND, record.meta.id, record.meta.version, json)
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// The trail's change for a new record.
fn creation<'a, R: Record>(record: &Stored<R::Draft>, actor: &'a Actor) -> Change<'a> {
    Change {
        action: Action::Create,
        record_type: R::KIND,
        record_id: record.meta.id,
        version: Some(record.meta.version),
        before: None,
        after: Some(to_json(&record.data)),
        actor,
    }
}

/// Replaces the record's rows in its link tables.
async fn save_links<R: Record>(txn: &DatabaseTransaction, record: &Stored<R::Draft>) -> Result<(), RepoError> {
    for (table, rows) in R::links(record) {
        table.replace(txn, record.meta.id, &rows).await?;
    }
    Ok(())
}

/// Replaces the record's content with what `change` makes of the current record, atomically.
pub(crate) async fn update<R: Record, E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    change: impl FnOnce(&Stored<R::Draft>) -> Result<R::Draft, E>,
) -> Result<Stored<R::Draft>, E> {
    db.write(async |txn| {
        let current = find::<R>(txn, id, true).await?;
        let draft = change(&current)?;
        R::check_references(txn, Some(id), &draft).await?;
        let record = Stored { meta: next_meta(&current.meta), data: R::normalize(draft) };
        R::to_model(&record)
            .into_active_model()
            .reset_all()
            .update(txn)
            .await
            .map_err(|e| map_clash::<R>(e.into(), &record.data))?;
        save_links::<R>(txn, &record).await?;
        audit::write(
            txn,
            Change {
                action: Action::Update,
                record_type: R::KIND,
                record_id: id,
                version: Some(record.meta.version),
                before: Some(to_json(&current.data)),
                after: Some(to_json(&record.data)),
                actor,
            },
        )
        .await?;
        changes::append(txn, Action::Update, R::KIND, id, record.meta.version, Some(record_json(&record))).await?;
        Ok(record)
    })
    .await
}

/// Deletes the record if `allow` agrees after seeing it.
pub(crate) async fn delete<R: Record, E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    allow: impl FnOnce(&Stored<R::Draft>) -> Result<(), E>,
) -> Result<(), E> {
    db.write(async |txn| {
        let current = find::<R>(txn, id, true).await?;
        allow(&current)?;
        R::Entity::delete_many().filter(R::ID.eq(id)).exec(txn).await.map_err(|e| match RepoError::from(e) {
            RepoError::InUse(_) => RepoError::InUse(R::in_use()),
            other => other,
        })?;
        comments::delete_of(txn, R::KIND, id).await?;
        audit::write(
            txn,
            Change {
                action: Action::Delete,
                record_type: R::KIND,
                record_id: id,
                version: None,
                before: Some(to_json(&current.data)),
                after: None,
                actor,
            },
        )
        .await?;
        changes::append(txn, Action::Delete, R::KIND, id, current.meta.version + 1, None).await?;
        Ok(())
    })
    .await
}

/// Moves a record to the state `next` returns after seeing it, in one transaction with its audit entry and the
/// comment the step came with.
pub(crate) async fn transition<R: Record, E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    comment: Option<&str>,
    next: impl FnOnce(&Stored<R::Draft>) -> Result<(PublicationState, &'static str), E>,
) -> Result<Stored<R::Draft>, E> {
    db.write(async |txn| {
        let current = find::<R>(txn, id, true).await?;
        let (to, action) = next(&current)?;
        let mut meta = next_meta(&current.meta);
        meta.publication = Some(to);
        let record = Stored { meta, data: current.data.clone() };
        R::to_model(&record).into_active_model().reset_all().update(txn).await.map_err(RepoError::from)?;
        let state = |m: &Meta| m.publication.map(|p| serde_json::json!({"publication": p.as_str()}));
        let mut after = state(&record.meta);
        if let (Some(comment), Some(serde_json::Value::Object(after))) = (comment, after.as_mut()) {
            after.insert("comment".into(), comment.into());
            comments::write(txn, actor, (R::KIND, id, record.meta.version), Some(action), comment).await?;
        }
        audit::write(
            txn,
            Change {
                action: Action::Transition(action),
                record_type: R::KIND,
                record_id: id,
                version: Some(record.meta.version),
                before: state(&current.meta),
                after,
                actor,
            },
        )
        .await?;
        let snapshot = Some(record_json(&record));
        changes::append(txn, Action::Transition(action), R::KIND, id, record.meta.version, snapshot).await?;
        Ok(record)
    })
    .await
}

pub(crate) async fn get<R: Record>(
    db: &Database,
    id: Uuid,
    visibility: Visibility,
) -> Result<Stored<R::Draft>, RepoError> {
    let mut records = [get_without_links::<R>(db, id, visibility).await?];
    R::load_links(db.connection(), &mut records).await?;
    let [record] = records;
    Ok(record)
}

/// The record as `get` returns it, but for what it keeps in link tables: for callers that load those with more.
pub(crate) async fn get_without_links<R: Record>(
    db: &Database,
    id: Uuid,
    visibility: Visibility,
) -> Result<Stored<R::Draft>, RepoError> {
    let record = find_row::<R>(db.connection(), id, false).await?;
    if visibility == Visibility::PublishedOnly && !is_public(&record.meta) {
        return Err(RepoError::NotFound { kind: R::KIND, id });
    }
    Ok(record)
}

/// One page of the query's rows in the given order (ties broken by id), and how many rows it has in all.
pub(crate) async fn page<R: Record>(
    conn: &impl ConnectionTrait,
    query: Select<R::Entity>,
    order: R::Column,
    descending: bool,
    page: PageRequest,
) -> Result<Page<Stored<R::Draft>>, RepoError>
where
    R::Model: sea_orm::FromQueryResult,
{
    let mut records = page_without_links::<R>(conn, query, order, descending, page).await?;
    R::load_links(conn, &mut records.items).await?;
    Ok(records)
}

/// One page as `page` returns it, but for what the records keep in link tables.
pub(crate) async fn page_without_links<R: Record>(
    conn: &impl ConnectionTrait,
    query: Select<R::Entity>,
    order: R::Column,
    descending: bool,
    page: PageRequest,
) -> Result<Page<Stored<R::Draft>>, RepoError>
where
    R::Model: sea_orm::FromQueryResult,
{
    let direction = if descending { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    // The page's ids first, which an index can give without reading the rows; then only those rows.
    let ids = ordered::<R, _>(query.clone().select_only().column(R::ID), order, direction.clone())
        .limit(page.limit)
        .offset(page.offset)
        .into_query();
    let models = ordered::<R, _>(R::read().filter(R::ID.in_subquery(ids)), order, direction).all(conn).await?;
    let items: Vec<_> = models.into_iter().map(R::from_model).collect::<Result<_, _>>()?;
    // A short page that is not past the end is the end of the list: its total needs no count.
    let seen = items.len() as u64;
    let total = if seen < page.limit && (seen > 0 || page.offset == 0) {
        page.offset + seen
    } else {
        query.count(conn).await?
    };
    Ok(Page { items, total })
}

/// Orders by `order`, then by id. Records without a value in a column that may have none come last in either
/// direction, on SQLite as on PostgreSQL (whose defaults differ).
fn ordered<R: Record, Q: QueryOrder>(query: Q, order: R::Column, direction: sea_orm::Order) -> Q {
    let query = if order.def().is_null() {
        query.order_by_with_nulls(order, direction.clone(), sea_orm::sea_query::NullOrdering::Last)
    } else {
        query.order_by(order, direction.clone())
    };
    query.order_by(R::ID, direction)
}

/// The public create, update, delete and get of a record type whose repository adds nothing to them.
macro_rules! repository {
    ($record:ty, $draft:ty, $stored:ty) => {
        pub async fn create(
            db: &$crate::Database,
            actor: &$crate::Actor,
            draft: $draft,
        ) -> Result<$stored, $crate::RepoError> {
            $crate::crud::create::<$record>(db, actor, draft).await
        }

        /// Replaces the content with what `change` makes of the current record, in one transaction.
        pub async fn update<E: From<$crate::RepoError>>(
            db: &$crate::Database,
            actor: &$crate::Actor,
            id: uuid::Uuid,
            change: impl FnOnce(&$stored) -> Result<$draft, E>,
        ) -> Result<$stored, E> {
            $crate::crud::update::<$record, E>(db, actor, id, change).await
        }

        /// Deletes the record if `allow` agrees after seeing it.
        pub async fn delete<E: From<$crate::RepoError>>(
            db: &$crate::Database,
            actor: &$crate::Actor,
            id: uuid::Uuid,
            allow: impl FnOnce(&$stored) -> Result<(), E>,
        ) -> Result<(), E> {
            $crate::crud::delete::<$record, E>(db, actor, id, allow).await
        }

        /// The record, if the caller may see it.
        pub async fn get(
            db: &$crate::Database,
            id: uuid::Uuid,
            visibility: $crate::Visibility,
        ) -> Result<$stored, $crate::RepoError> {
            $crate::crud::get::<$record>(db, id, visibility).await
        }
    };
}
pub(crate) use repository;

/// The workflow of a record type that has one: its steps, and the comments kept with it.
macro_rules! workflow {
    ($record:ty, $draft:ty, $stored:ty) => {
        /// Moves the record to the state `next` returns after seeing it (with the step's name for the trail),
        /// keeping the comment the step came with.
        pub async fn transition<E: From<$crate::RepoError>>(
            db: &$crate::Database,
            actor: &$crate::Actor,
            id: uuid::Uuid,
            comment: Option<&str>,
            next: impl FnOnce(&$stored) -> Result<(intercoop_domain::PublicationState, &'static str), E>,
        ) -> Result<$stored, E> {
            $crate::crud::transition::<$record, E>(db, actor, id, comment, next).await
        }

        $crate::crud::comment_operations!($record, $stored);
    };
}
pub(crate) use workflow;

/// The comments kept with a record: adding a note, and reading them.
macro_rules! comment_operations {
    ($record:ty, $stored:ty) => {
        /// Adds a note to the record if `allow` agrees after seeing it.
        pub async fn add_comment<E: From<$crate::RepoError>>(
            db: &$crate::Database,
            actor: &$crate::Actor,
            id: uuid::Uuid,
            body: &str,
            allow: impl FnOnce(&$stored) -> Result<(), E>,
        ) -> Result<$crate::comments::RecordComment, E> {
            $crate::comments::add::<$record, E>(db, actor, id, body, allow).await
        }

        /// The record's comments, the oldest first.
        pub async fn comments(
            db: &$crate::Database,
            id: uuid::Uuid,
        ) -> Result<Vec<$crate::comments::RecordComment>, $crate::RepoError> {
            $crate::comments::list(db, <$record as $crate::crud::Record>::KIND, id).await
        }
    };
}
pub(crate) use comment_operations;
