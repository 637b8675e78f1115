use intercoop_domain::{AgreementDraft, AgreementKind, AgreementStatus, FieldErrors, Meta, PublicationState, Stored};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::agreement::{ActiveModel, Column, Entity, Model};
use crate::links::{AGREEMENT_MEASURES, AGREEMENT_PARTNERS, LinkRow, LinkTable};
use crate::support::{
    Page, PageRequest, Sort, Visibility, check_refs, contains, from_json, missing_ids, parse_stored, to_json,
};
use crate::{Database, RepoError};

pub type Agreement = Stored<AgreementDraft>;

/// Filters of the agreement list; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    /// Records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Records owned by this organisational unit.
    pub owner_unit: Option<String>,
    pub kind: Option<AgreementKind>,
    pub status: Option<AgreementStatus>,
    pub partner_id: Option<Uuid>,
    pub measure_id: Option<Uuid>,
    /// Agreements signed in this year.
    pub year: Option<i32>,
    pub publication: Option<PublicationState>,
    pub q: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementSort {
    SignedOn,
    Title,
    CreatedAt,
    UpdatedAt,
}

pub(crate) struct Agreements;

impl Record for Agreements {
    type Draft = AgreementDraft;
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Column = Column;
    const KIND: &'static str = "agreement";
    const ID: Column = Column::Id;

    const WORKFLOW: bool = true;

    async fn check_references(
        txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        draft: &AgreementDraft,
    ) -> Result<(), RepoError> {
        let mut errors = FieldErrors::new();
        let partner_ids: Vec<Uuid> = draft.parties.iter().filter_map(|p| p.partner_id).collect();
        let missing = missing_ids(txn, "partners", &partner_ids).await?;
        for (i, party) in draft.parties.iter().enumerate() {
            if let Some(id) = party.partner_id.filter(|id| missing.contains(id)) {
                errors.add(
                    format!("parties[{i}].partner_id"),
                    "unknown_reference",
                    format!("no partner has the id {id}"),
                );
            }
        }
        check_refs(txn, "measures", "measure", "measure_ids", "", &draft.measure_ids, &mut errors).await?;
        errors.into_result().map_err(RepoError::Invalid)
    }

    fn links(record: &Agreement) -> Vec<(&'static LinkTable, Vec<LinkRow>)> {
        let measures = record.data.measure_ids.iter().map(|id| (*id, None)).collect();
        let partners = record.data.parties.iter().filter_map(|p| p.partner_id).map(|id| (id, None)).collect();
        vec![(&AGREEMENT_MEASURES, measures), (&AGREEMENT_PARTNERS, partners)]
    }

    async fn load_links(conn: &impl ConnectionTrait, records: &mut [Agreement]) -> Result<(), RepoError> {
        let ids: Vec<Uuid> = records.iter().map(|r| r.meta.id).collect();
        let mut measures = AGREEMENT_MEASURES.load(conn, &ids).await?;
        for record in records {
            record.data.measure_ids =
                measures.remove(&record.meta.id).unwrap_or_default().into_iter().map(|l| l.target).collect();
        }
        Ok(())
    }

    fn clash(_draft: &AgreementDraft) -> String {
        "the agreement clashes with an existing record".into()
    }

    fn to_model(record: &Agreement) -> Model {
        let d = &record.data;
        Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            kind: d.kind.as_str().into(),
            title: to_json(&d.title),
            sort_title: d.title.uk.trim().to_lowercase(),
            description: d.description.as_ref().map(to_json),
            parties: to_json(&d.parties),
            signed_on: d.signed_on,
            valid_until: d.valid_until,
            status: d.status.as_str().into(),
            document_url: d.document_url.clone(),
            publication: record.meta.publication.unwrap_or_default().as_str().into(),
            owner_unit: d.owner_unit.clone(),
            search_text: d.search_text(),
        }
    }

    fn from_model(m: Model) -> Result<Agreement, RepoError> {
        let data = AgreementDraft {
            kind: parse_stored(&m.kind, AgreementKind::parse, "agreement kind")?,
            title: from_json(m.title, "agreement title")?,
            description: m.description.map(|d| from_json(d, "agreement description")).transpose()?,
            parties: from_json(m.parties, "agreement parties")?,
            signed_on: m.signed_on,
            valid_until: m.valid_until,
            status: parse_stored(&m.status, AgreementStatus::parse, "agreement status")?,
            document_url: m.document_url,
            measure_ids: Vec::new(),
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

crud::repository!(Agreements, AgreementDraft, Agreement);
crud::workflow!(Agreements, AgreementDraft, Agreement);

pub async fn list(
    db: &Database,
    visibility: Visibility,
    filter: &AgreementFilter,
    sort: Sort<AgreementSort>,
    page: PageRequest,
) -> Result<Page<Agreement>, RepoError> {
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
    if let Some(kind) = filter.kind {
        cond = cond.add(Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(partner) = filter.partner_id {
        cond = cond.add(Column::Id.in_subquery(AGREEMENT_PARTNERS.owners_of(partner)));
    }
    if let Some(measure) = filter.measure_id {
        cond = cond.add(Column::Id.in_subquery(AGREEMENT_MEASURES.owners_of(measure)));
    }
    if let Some(year) = filter.year {
        let (first, last) = crate::support::year_bounds(year)?;
        cond = cond.add(Column::SignedOn.between(first, last));
    }
    if let Some(unit) = &filter.owner_unit {
        cond = cond.add(Column::OwnerUnit.eq(unit.clone()));
    }
    if let Some(q) = &filter.q {
        cond = cond.add(contains("search_text", q));
    }
    let order = match sort.column {
        AgreementSort::SignedOn => Column::SignedOn,
        AgreementSort::Title => Column::SortTitle,
        AgreementSort::CreatedAt => Column::CreatedAt,
        AgreementSort::UpdatedAt => Column::UpdatedAt,
    };
    crud::page::<Agreements>(db.connection(), Entity::find().filter(cond), order, sort.descending, page).await
}
