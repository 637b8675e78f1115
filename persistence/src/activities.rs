use std::collections::HashMap;

use chrono::NaiveDate;
use intercoop_domain::{
    ActivityDraft, ActivityFormat, ActivityKind, ActivityStatus, CountryCode, DatePrecision, FieldErrors, Meta,
    PartnerLink, PartnerRole, Place, PublicationState, Stored,
};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::JsonOf;
use crate::entities::activity::{ActiveModel, Column, Entity, Model};
use crate::links::{ACTIVITY_MEASURES, ACTIVITY_PARTNERS, LinkRow, LinkTable};
use crate::measures::{self, MeasureRef};
use crate::partners::{self, PartnerRef};
use crate::support::{Page, PageRequest, Sort, Visibility, check_refs, contains, parse_stored};
use crate::{Actor, Database, RepoError};

pub type Activity = Stored<ActivityDraft>;

/// An activity with what a reader needs of its measures and partners.
#[derive(Debug, Clone)]
pub struct ActivityView {
    pub record: Activity,
    /// Its measures, in code order.
    pub measures: Vec<MeasureRef>,
    /// Its partners, in the order of `record.data.partners`.
    pub partners: Vec<PartnerRef>,
}

impl ActivityView {
    /// The view as a caller with `visibility` sees it: anonymous callers see nothing of an unpublished partner,
    /// neither its details nor the link to it.
    pub fn seen_with(mut self, visibility: Visibility) -> Self {
        if visibility == Visibility::PublishedOnly {
            let hidden: Vec<Uuid> = self.partners.iter().filter(|p| !p.published).map(|p| p.id).collect();
            if !hidden.is_empty() {
                self.partners.retain(|p| p.published);
                self.record.data.partners.retain(|link| !hidden.contains(&link.partner_id));
            }
        }
        self
    }
}

/// Filters of the activity list; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    /// Records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Records owned by this organisational unit.
    pub owner_unit: Option<String>,
    /// Activities that overlap this calendar year.
    pub year: Option<i32>,
    /// Activities that end on or after this day.
    pub from: Option<NaiveDate>,
    /// Activities that start on or before this day.
    pub to: Option<NaiveDate>,
    pub measure_id: Option<Uuid>,
    pub partner_id: Option<Uuid>,
    pub country: Option<CountryCode>,
    pub kind: Option<ActivityKind>,
    pub format: Option<ActivityFormat>,
    pub status: Option<ActivityStatus>,
    pub publication: Option<PublicationState>,
    pub q: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivitySort {
    StartDate,
    Title,
    CreatedAt,
    UpdatedAt,
}

pub(crate) struct Activities;

impl Record for Activities {
    type Draft = ActivityDraft;
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Column = Column;
    const KIND: &'static str = "activity";
    const ID: Column = Column::Id;

    fn read() -> sea_orm::Select<Entity> {
        crate::support::without_search_text::<Entity>()
    }

    const WORKFLOW: bool = true;

    async fn check_references(
        txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        draft: &ActivityDraft,
    ) -> Result<(), RepoError> {
        let mut errors = FieldErrors::new();
        check_refs(txn, "measures", "measure", "measure_ids", "", &draft.measure_ids, &mut errors).await?;
        let partner_ids: Vec<Uuid> = draft.partners.iter().map(|p| p.partner_id).collect();
        check_refs(txn, "partners", "partner", "partners", ".partner_id", &partner_ids, &mut errors).await?;
        errors.into_result().map_err(RepoError::Invalid)
    }

    async fn load_links(conn: &impl ConnectionTrait, records: &mut [Activity]) -> Result<(), RepoError> {
        let ids: Vec<Uuid> = records.iter().map(|r| r.meta.id).collect();
        let mut measures = ACTIVITY_MEASURES.load(conn, &ids).await?;
        let mut partners = ACTIVITY_PARTNERS.load(conn, &ids).await?;
        for record in records {
            record.data.measure_ids =
                measures.remove(&record.meta.id).unwrap_or_default().into_iter().map(|l| l.target).collect();
            record.data.partners = partners
                .remove(&record.meta.id)
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    let role = l.extra.as_deref().unwrap_or_default();
                    Ok(PartnerLink {
                        partner_id: l.target,
                        role: parse_stored(role, PartnerRole::parse, "partner role")?,
                    })
                })
                .collect::<Result<_, RepoError>>()?;
        }
        Ok(())
    }

    fn links(record: &Activity) -> Vec<(&'static LinkTable, Vec<LinkRow>)> {
        let measures = record.data.measure_ids.iter().map(|id| (*id, None)).collect();
        let partners = record.data.partners.iter().map(|p| (p.partner_id, Some(p.role.as_str()))).collect();
        vec![(&ACTIVITY_MEASURES, measures), (&ACTIVITY_PARTNERS, partners)]
    }

    fn clash(_draft: &ActivityDraft) -> String {
        "the activity clashes with an existing record".into()
    }

    fn in_use() -> String {
        "the activity is still named by grants; remove it from them first".into()
    }

    fn to_model(record: &Activity) -> Model {
        let d = &record.data;
        Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            title: JsonOf(d.title.clone()),
            sort_title: d.title.uk.trim().to_lowercase(),
            description: d.description.clone().map(JsonOf),
            kind: d.kind.as_str().into(),
            start_date: d.start_date,
            end_date: d.end_date,
            last_day: d.last_day(),
            date_precision: d.date_precision.as_str().into(),
            additional_dates: JsonOf(d.additional_dates.clone()),
            format: d.format.as_str().into(),
            place_city: d.place.as_ref().and_then(|p| p.city.clone()).map(JsonOf),
            place_country: d.place.as_ref().and_then(|p| p.country).map(|c| c.as_str().into()),
            participants: d.participants.clone(),
            outcome: d.outcome.clone().map(JsonOf),
            links: JsonOf(d.links.clone()),
            status: d.status.as_str().into(),
            publication: record.meta.publication.unwrap_or_default().as_str().into(),
            owner_unit: d.owner_unit.clone(),
            search_text: d.search_text(),
        }
    }

    fn from_model(m: Model) -> Result<Activity, RepoError> {
        let city = m.place_city.map(|c| c.0);
        let country = m
            .place_country
            .as_deref()
            .map(|c| parse_stored(c, |c| CountryCode::parse(c).ok(), "country"))
            .transpose()?;
        let data = ActivityDraft {
            title: m.title.0,
            description: m.description.map(|d| d.0),
            kind: parse_stored(&m.kind, ActivityKind::parse, "activity kind")?,
            start_date: m.start_date,
            end_date: m.end_date,
            date_precision: parse_stored(&m.date_precision, DatePrecision::parse, "date precision")?,
            additional_dates: m.additional_dates.0,
            format: parse_stored(&m.format, ActivityFormat::parse, "activity format")?,
            place: (city.is_some() || country.is_some()).then_some(Place { city, country }),
            measure_ids: Vec::new(),
            partners: Vec::new(),
            participants: m.participants,
            outcome: m.outcome.map(|o| o.0),
            links: m.links.0,
            status: parse_stored(&m.status, ActivityStatus::parse, "activity status")?,
            owner_unit: m.owner_unit,
        };
        Ok(Stored {
            meta: Meta {
                id: m.id,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
                publication: Some(parse_stored(&m.publication, PublicationState::parse, "publication")?),
            },
            data,
        })
    }
}

pub async fn create(db: &Database, actor: &Actor, draft: ActivityDraft) -> Result<ActivityView, RepoError> {
    let record = crud::create::<Activities>(db, actor, draft).await?;
    Ok(views_of_linked(db.connection(), vec![record]).await?.remove(0))
}

pub async fn update<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    change: impl FnOnce(&Activity) -> Result<ActivityDraft, E>,
) -> Result<ActivityView, E> {
    let record = crud::update::<Activities, E>(db, actor, id, change).await?;
    Ok(views_of_linked(db.connection(), vec![record]).await?.remove(0))
}

pub async fn delete<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    allow: impl FnOnce(&Activity) -> Result<(), E>,
) -> Result<(), E> {
    crud::delete::<Activities, E>(db, actor, id, allow).await
}

/// Moves the activity to the state `next` returns after seeing it (with the step's name for the trail).
pub async fn transition<E: From<RepoError>>(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    comment: Option<&str>,
    next: impl FnOnce(&Activity) -> Result<(PublicationState, &'static str), E>,
) -> Result<ActivityView, E> {
    let record = crud::transition::<Activities, E>(db, actor, id, comment, next).await?;
    Ok(views_of_linked(db.connection(), vec![record]).await?.remove(0))
}

crud::comment_operations!(Activities, Activity);

pub async fn get(db: &Database, id: Uuid, visibility: Visibility) -> Result<ActivityView, RepoError> {
    let record = crud::get_without_links::<Activities>(db, id, visibility).await?;
    Ok(views(db.connection(), vec![record]).await?.remove(0).seen_with(visibility))
}

pub async fn list(
    db: &Database,
    visibility: Visibility,
    filter: &ActivityFilter,
    sort: Sort<ActivitySort>,
    page: PageRequest,
) -> Result<Page<ActivityView>, RepoError> {
    let mut cond = Condition::all();
    if let Some(since) = filter.updated_since {
        cond = cond.add(Column::UpdatedAt.gte(since));
    }
    if visibility == Visibility::PublishedOnly {
        cond = cond.add(Column::Publication.eq(PublicationState::Published.as_str()));
    }
    if let Some(year) = filter.year {
        let (first, last) = crate::support::year_bounds(year)?;
        cond = cond.add(Column::StartDate.lte(last)).add(Column::LastDay.gte(first));
    }
    if let Some(from) = filter.from {
        cond = cond.add(Column::LastDay.gte(from));
    }
    if let Some(to) = filter.to {
        cond = cond.add(Column::StartDate.lte(to));
    }
    if let Some(measure) = filter.measure_id {
        cond = cond.add(Column::Id.in_subquery(ACTIVITY_MEASURES.owners_of(measure)));
    }
    if let Some(partner) = filter.partner_id {
        cond = cond.add(Column::Id.in_subquery(ACTIVITY_PARTNERS.owners_of(partner)));
    }
    if let Some(country) = filter.country {
        cond = cond.add(Column::PlaceCountry.eq(country.as_str()));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(Column::Kind.eq(kind.as_str()));
    }
    if let Some(format) = filter.format {
        cond = cond.add(Column::Format.eq(format.as_str()));
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(publication) = filter.publication {
        cond = cond.add(Column::Publication.eq(publication.as_str()));
    }
    if let Some(unit) = &filter.owner_unit {
        cond = cond.add(Column::OwnerUnit.eq(unit.clone()));
    }
    if let Some(q) = &filter.q {
        cond = cond.add(contains("search_text", q));
    }
    let order = match sort.column {
        ActivitySort::StartDate => Column::StartDate,
        ActivitySort::Title => Column::SortTitle,
        ActivitySort::CreatedAt => Column::CreatedAt,
        ActivitySort::UpdatedAt => Column::UpdatedAt,
    };
    let query = Entity::find().filter(cond);
    let records = crud::page_without_links::<Activities>(db.connection(), query, order, sort.descending, page).await?;
    let items = views(db.connection(), records.items).await?.into_iter().map(|v| v.seen_with(visibility)).collect();
    Ok(Page { total: records.total, items })
}

/// Every activity under any of `measure_ids` (that overlaps `year`, when given), with its measures and partners.
pub(crate) async fn of_measures_in_year(
    db: &Database,
    measure_ids: &[Uuid],
    year: Option<i32>,
    visibility: Visibility,
) -> Result<Vec<ActivityView>, RepoError> {
    if measure_ids.is_empty() {
        return Ok(Vec::new());
    }
    let linked = sea_orm::sea_query::Query::select()
        .column(ACTIVITY_MEASURES.owner)
        .from(ACTIVITY_MEASURES.table)
        .and_where(sea_orm::sea_query::Expr::col(ACTIVITY_MEASURES.target).is_in(measure_ids.to_vec()))
        .to_owned();
    let mut cond = Condition::all().add(Column::Id.in_subquery(linked));
    if let Some(year) = year {
        let (first, last) = crate::support::year_bounds(year)?;
        cond = cond.add(Column::StartDate.lte(last)).add(Column::LastDay.gte(first));
    }
    if visibility == Visibility::PublishedOnly {
        cond = cond.add(Column::Publication.eq(PublicationState::Published.as_str()));
    }
    let conn = db.connection();
    let records: Vec<Activity> = Activities::read()
        .filter(cond)
        .all(conn)
        .await?
        .into_iter()
        .map(Activities::from_model)
        .collect::<Result<_, _>>()?;
    Ok(views(conn, records).await?.into_iter().map(|v| v.seen_with(visibility)).collect())
}

/// Pages of at most this many activities load their measures and partners joined to their links; larger batches
/// (a report's year, a feed's batch) load the links, then each measure and partner once.
const JOINED_MAX: usize = 200;

/// Fills in each activity's measures and partners, with the measures' codes and titles and the partners' names,
/// in two queries for a page (each link table joined to the records it names) and four for a larger batch.
pub(crate) async fn views(conn: &impl ConnectionTrait, records: Vec<Activity>) -> Result<Vec<ActivityView>, RepoError> {
    if records.len() > JOINED_MAX {
        return views_of_many(conn, records).await;
    }
    let mut records = records;
    let mut measures: Vec<Vec<MeasureRef>> = records.iter().map(|_| Vec::new()).collect();
    let mut partners: Vec<Vec<PartnerRef>> = records.iter().map(|_| Vec::new()).collect();
    let mut links: Vec<Vec<PartnerLink>> = records.iter().map(|_| Vec::new()).collect();
    let at: HashMap<Uuid, usize> = records.iter().enumerate().map(|(i, r)| (r.meta.id, i)).collect();
    let ids: Vec<Uuid> = records.iter().map(|r| r.meta.id).collect();
    for (owner, measure) in measures::linked(conn, &ACTIVITY_MEASURES, &ids).await? {
        measures[at[&owner]].push(measure);
    }
    for (owner, role, partner) in partners::linked(conn, &ACTIVITY_PARTNERS, &ids).await? {
        let role = parse_stored(role.as_deref().unwrap_or_default(), PartnerRole::parse, "partner role")?;
        links[at[&owner]].push(PartnerLink { partner_id: partner.id, role });
        partners[at[&owner]].push(partner);
    }
    Ok(records
        .drain(..)
        .zip(measures.into_iter().zip(partners).zip(links))
        .map(|(mut record, ((mut measures, partners), links))| {
            record.data.measure_ids = measures.iter().map(|m| m.id).collect();
            record.data.partners = links;
            measures.sort_by_key(|m| m.code);
            ActivityView { record, measures, partners }
        })
        .collect())
}

/// [`views`] for a batch of many activities: their links, then the distinct measures and partners they name.
async fn views_of_many(
    conn: &impl ConnectionTrait,
    mut records: Vec<Activity>,
) -> Result<Vec<ActivityView>, RepoError> {
    Activities::load_links(conn, &mut records).await?;
    views_of_linked(conn, records).await
}

/// [`views`] for activities whose links are at hand (loaded, or just written): the distinct measures and partners
/// they name, in one query each, none where they name none.
async fn views_of_linked(conn: &impl ConnectionTrait, records: Vec<Activity>) -> Result<Vec<ActivityView>, RepoError> {
    let distinct = |ids: &mut dyn Iterator<Item = Uuid>| {
        let mut ids: Vec<Uuid> = ids.collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let measure_ids = distinct(&mut records.iter().flat_map(|r| r.data.measure_ids.iter().copied()));
    let partner_ids = distinct(&mut records.iter().flat_map(|r| r.data.partners.iter().map(|p| p.partner_id)));
    let measures: HashMap<Uuid, MeasureRef> =
        measures::refs(conn, &measure_ids).await?.into_iter().map(|m| (m.id, m)).collect();
    let partners: HashMap<Uuid, PartnerRef> =
        partners::refs(conn, &partner_ids).await?.into_iter().map(|p| (p.id, p)).collect();
    Ok(records
        .into_iter()
        .map(|record| {
            let mut ms: Vec<MeasureRef> =
                record.data.measure_ids.iter().filter_map(|id| measures.get(id).cloned()).collect();
            ms.sort_by_key(|m| m.code);
            let ps = record.data.partners.iter().filter_map(|p| partners.get(&p.partner_id).cloned()).collect();
            ActivityView { record, measures: ms, partners: ps }
        })
        .collect())
}
