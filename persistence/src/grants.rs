use intercoop_domain::{CurrencyCode, FieldErrors, GrantDraft, GrantStatus, Meta, PublicationState, Stored};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::grant::{ActiveModel, Column, Entity, Model};
use crate::links::{GRANT_ACTIVITIES, GRANT_MEASURES, LinkRow, LinkTable};
use crate::support::{
    Page, PageRequest, Sort, Visibility, check_ref, check_refs, contains, from_json, parse_stored, to_json,
};
use crate::{Database, RepoError};

pub type Grant = Stored<GrantDraft>;

/// Filters of the grant list; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct GrantFilter {
    /// Records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Records owned by this organisational unit.
    pub owner_unit: Option<String>,
    pub donor_id: Option<Uuid>,
    pub status: Option<GrantStatus>,
    pub currency: Option<CurrencyCode>,
    pub measure_id: Option<Uuid>,
    pub activity_id: Option<Uuid>,
    /// Grants awarded in this year.
    pub year: Option<i32>,
    pub publication: Option<PublicationState>,
    pub q: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantSort {
    AwardedOn,
    Title,
    CreatedAt,
    UpdatedAt,
}

pub(crate) struct Grants;

impl Record for Grants {
    type Draft = GrantDraft;
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Column = Column;
    const KIND: &'static str = "grant";
    const ID: Column = Column::Id;

    fn normalize(mut draft: GrantDraft) -> GrantDraft {
        if let Some(money) = draft.money() {
            draft.amount = money.amount_string();
        }
        draft
    }

    const WORKFLOW: bool = true;

    async fn check_references(
        txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        draft: &GrantDraft,
    ) -> Result<(), RepoError> {
        let mut errors = FieldErrors::new();
        check_ref(txn, "partners", "partner", "donor_id", Some(draft.donor_id), &mut errors).await?;
        check_refs(txn, "measures", "measure", "measure_ids", "", &draft.measure_ids, &mut errors).await?;
        check_refs(txn, "activities", "activity", "activity_ids", "", &draft.activity_ids, &mut errors).await?;
        errors.into_result().map_err(RepoError::Invalid)
    }

    async fn load_links(conn: &impl ConnectionTrait, records: &mut [Grant]) -> Result<(), RepoError> {
        let ids: Vec<Uuid> = records.iter().map(|r| r.meta.id).collect();
        let mut measures = GRANT_MEASURES.load(conn, &ids).await?;
        let mut activities = GRANT_ACTIVITIES.load(conn, &ids).await?;
        for record in records {
            let id = record.meta.id;
            record.data.measure_ids = measures.remove(&id).unwrap_or_default().into_iter().map(|l| l.target).collect();
            record.data.activity_ids =
                activities.remove(&id).unwrap_or_default().into_iter().map(|l| l.target).collect();
        }
        Ok(())
    }

    fn links(record: &Grant) -> Vec<(&'static LinkTable, Vec<LinkRow>)> {
        let measures = record.data.measure_ids.iter().map(|id| (*id, None)).collect();
        let activities = record.data.activity_ids.iter().map(|id| (*id, None)).collect();
        vec![(&GRANT_MEASURES, measures), (&GRANT_ACTIVITIES, activities)]
    }

    fn clash(_draft: &GrantDraft) -> String {
        "the grant clashes with an existing record".into()
    }

    fn to_model(record: &Grant) -> Model {
        let d = &record.data;
        Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            donor_id: d.donor_id,
            instrument: d.instrument.clone(),
            project_title: to_json(&d.project_title),
            sort_title: d.project_title.uk.trim().to_lowercase(),
            description: d.description.as_ref().map(to_json),
            amount: d.amount.clone(),
            currency: d.currency.as_str().into(),
            status: d.status.as_str().into(),
            applied_on: d.applied_on,
            awarded_on: d.awarded_on,
            start_date: d.start_date,
            end_date: d.end_date,
            publication: record.meta.publication.unwrap_or_default().as_str().into(),
            owner_unit: d.owner_unit.clone(),
            search_text: d.search_text(),
        }
    }

    fn from_model(m: Model) -> Result<Grant, RepoError> {
        let data = GrantDraft {
            donor_id: m.donor_id,
            instrument: m.instrument,
            project_title: from_json(m.project_title, "grant title")?,
            description: m.description.map(|d| from_json(d, "grant description")).transpose()?,
            amount: m.amount,
            currency: parse_stored(&m.currency, |c| CurrencyCode::parse(c).ok(), "currency")?,
            status: parse_stored(&m.status, GrantStatus::parse, "grant status")?,
            applied_on: m.applied_on,
            awarded_on: m.awarded_on,
            start_date: m.start_date,
            end_date: m.end_date,
            measure_ids: Vec::new(),
            activity_ids: Vec::new(),
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

crud::repository!(Grants, GrantDraft, Grant);
crud::workflow!(Grants, GrantDraft, Grant);

pub async fn list(
    db: &Database,
    visibility: Visibility,
    filter: &GrantFilter,
    sort: Sort<GrantSort>,
    page: PageRequest,
) -> Result<Page<Grant>, RepoError> {
    let mut cond = Condition::all();
    if let Some(since) = filter.updated_since {
        cond = cond.add(Column::UpdatedAt.gte(since));
    }
    if visibility == Visibility::PublishedOnly {
        cond = cond.add(Column::Publication.eq(PublicationState::Published.as_str()));
    }
    if let Some(publication) = filter.publication {
        cond = cond.add(Column::Publication.eq(publication.as_str()));
    }
    if let Some(donor) = filter.donor_id {
        cond = cond.add(Column::DonorId.eq(donor));
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(currency) = filter.currency {
        cond = cond.add(Column::Currency.eq(currency.as_str()));
    }
    if let Some(measure) = filter.measure_id {
        cond = cond.add(Column::Id.in_subquery(GRANT_MEASURES.owners_of(measure)));
    }
    if let Some(activity) = filter.activity_id {
        cond = cond.add(Column::Id.in_subquery(GRANT_ACTIVITIES.owners_of(activity)));
    }
    if let Some(year) = filter.year {
        let (first, last) = crate::support::year_bounds(year)?;
        cond = cond.add(Column::AwardedOn.between(first, last));
    }
    if let Some(unit) = &filter.owner_unit {
        cond = cond.add(Column::OwnerUnit.eq(unit.clone()));
    }
    if let Some(q) = &filter.q {
        cond = cond.add(contains("search_text", q));
    }
    let order = match sort.column {
        GrantSort::AwardedOn => Column::AwardedOn,
        GrantSort::Title => Column::SortTitle,
        GrantSort::CreatedAt => Column::CreatedAt,
        GrantSort::UpdatedAt => Column::UpdatedAt,
    };
    crud::page::<Grants>(db.connection(), Entity::find().filter(cond), order, sort.descending, page).await
}

/// The grants linked to any of these measures or activities, with their links.
pub(crate) async fn linked_to(
    db: &Database,
    measure_ids: &[Uuid],
    activity_ids: &[Uuid],
    visibility: Visibility,
) -> Result<Vec<Grant>, RepoError> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let by = |table: &'static str, owner: &'static str, target: &'static str, ids: &[Uuid]| {
        Query::select().column(owner).from(table).and_where(Expr::col(target).is_in(ids.to_vec())).to_owned()
    };
    if measure_ids.is_empty() && activity_ids.is_empty() {
        return Ok(Vec::new());
    }
    let conn = db.connection();
    let activity_chunks: Vec<&[Uuid]> = activity_ids.chunks(crate::support::IN_LIST_MAX).collect();
    let mut seen = std::collections::HashSet::new();
    let mut grants: Vec<Grant> = Vec::new();
    for round in 0..activity_chunks.len().max(1) {
        let mut cond = Condition::any();
        if round == 0 && !measure_ids.is_empty() {
            cond = cond.add(Column::Id.in_subquery(by("grant_measures", "grant_id", "measure_id", measure_ids)));
        }
        if let Some(ids) = activity_chunks.get(round) {
            cond = cond.add(Column::Id.in_subquery(by("grant_activities", "grant_id", "activity_id", ids)));
        }
        let mut query = Entity::find().filter(cond);
        if visibility == Visibility::PublishedOnly {
            query = query.filter(Column::Publication.eq(PublicationState::Published.as_str()));
        }
        for model in query.all(conn).await? {
            if seen.insert(model.id) {
                grants.push(Grants::from_model(model)?);
            }
        }
    }
    Grants::load_links(conn, &mut grants).await?;
    Ok(grants)
}
