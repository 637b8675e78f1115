use intercoop_domain::{CouncilDecision, Meta, ProgrammeDraft, SectionDraft, Stored};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::{programme, section};
use crate::measures::{self, Measure};
use crate::support::{Page, PageRequest, Visibility, from_json, to_json};
use crate::{Actor, Database, RepoError};

pub type Programme = Stored<ProgrammeDraft>;

/// A section with the programme it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProgrammeSection {
    pub programme_id: Uuid,
    pub section: SectionDraft,
}

pub type Section = Stored<ProgrammeSection>;

/// A programme's structure: its sections in order, each with its measures in code order.
#[derive(Debug, Clone)]
pub struct Structure {
    pub sections: Vec<(Section, Vec<Measure>)>,
}

pub(crate) struct Programmes;

impl Record for Programmes {
    type Draft = ProgrammeDraft;
    type Entity = programme::Entity;
    type Model = programme::Model;
    type Active = programme::ActiveModel;
    type Column = programme::Column;
    const KIND: &'static str = "programme";
    const ID: programme::Column = programme::Column::Id;

    fn clash(draft: &ProgrammeDraft) -> String {
        format!("a programme titled '{}' exists already", draft.title.uk.trim())
    }

    fn in_use() -> String {
        "the programme still has sections; delete them first".into()
    }

    fn to_model(record: &Programme) -> programme::Model {
        let d = &record.data;
        programme::Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            title: to_json(&d.title),
            title_key: d.title.uk.trim().to_lowercase(),
            first_year: d.first_year,
            last_year: d.last_year,
            decision_number: d.decision.as_ref().map(|d| d.number.clone()),
            decision_date: d.decision.as_ref().map(|d| d.date),
            owner_unit: d.owner_unit.clone(),
        }
    }

    fn from_model(m: programme::Model) -> Result<Programme, RepoError> {
        let decision = match (m.decision_number, m.decision_date) {
            (Some(number), Some(date)) => Some(CouncilDecision { number, date }),
            _ => None,
        };
        let data = ProgrammeDraft {
            title: from_json(m.title, "programme title")?,
            first_year: m.first_year,
            last_year: m.last_year,
            decision,
            owner_unit: m.owner_unit,
        };
        Ok(Stored {
            meta: Meta {
                id: m.id,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
                publication: None,
            },
            data,
        })
    }
}

pub(crate) struct Sections;

impl Record for Sections {
    type Draft = ProgrammeSection;
    type Entity = section::Entity;
    type Model = section::Model;
    type Active = section::ActiveModel;
    type Column = section::Column;
    const KIND: &'static str = "section";
    const ID: section::Column = section::Column::Id;

    async fn check_references(
        txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        draft: &ProgrammeSection,
    ) -> Result<(), RepoError> {
        match programme::Entity::find_by_id(draft.programme_id).one(txn).await? {
            Some(_) => Ok(()),
            None => Err(RepoError::NotFound { kind: "programme", id: draft.programme_id }),
        }
    }

    fn clash(draft: &ProgrammeSection) -> String {
        format!("section {} exists in this programme already", draft.section.number)
    }

    fn in_use() -> String {
        "the section still has measures; delete or move them first".into()
    }

    fn to_model(record: &Section) -> section::Model {
        let d = &record.data;
        section::Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            programme_id: d.programme_id,
            number: d.section.number.clone(),
            position: i32::from(d.section.position().unwrap_or(0)),
            title: to_json(&d.section.title),
        }
    }

    fn from_model(m: section::Model) -> Result<Section, RepoError> {
        let section = SectionDraft { number: m.number, title: from_json(m.title, "section title")? };
        let data = ProgrammeSection { programme_id: m.programme_id, section };
        Ok(Stored {
            meta: Meta {
                id: m.id,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
                publication: None,
            },
            data,
        })
    }
}

crud::repository!(Programmes, ProgrammeDraft, Programme);

/// Programmes, the latest first; `year` keeps those that run in that year, `updated_since` those changed since.
pub async fn list(
    db: &Database,
    year: Option<i32>,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
    page: PageRequest,
) -> Result<Page<Programme>, RepoError> {
    let mut cond = Condition::all();
    if let Some(since) = updated_since {
        cond = cond.add(programme::Column::UpdatedAt.gte(since));
    }
    if let Some(year) = year {
        cond = cond.add(programme::Column::FirstYear.lte(year)).add(programme::Column::LastYear.gte(year));
    }
    let query = programme::Entity::find().filter(cond);
    crud::page::<Programmes>(db.connection(), query, programme::Column::FirstYear, true, page).await
}

/// The programme's sections in order, each with its measures in code order, in two queries.
pub async fn structure(db: &Database, programme_id: Uuid) -> Result<Structure, RepoError> {
    let conn = db.connection();
    let sections = sections_of(conn, programme_id).await?;
    let ids: Vec<Uuid> = sections.iter().map(|s| s.meta.id).collect();
    let mut measures = measures::of_sections(conn, &ids).await?;
    let sections = sections
        .into_iter()
        .map(|s| {
            let (mine, rest): (Vec<Measure>, Vec<Measure>) =
                measures.drain(..).partition(|m| m.data.section_id == s.meta.id);
            measures = rest;
            (s, mine)
        })
        .collect();
    Ok(Structure { sections })
}

async fn sections_of(conn: &impl ConnectionTrait, programme_id: Uuid) -> Result<Vec<Section>, RepoError> {
    let models = section::Entity::find()
        .filter(section::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(section::Column::Position)
        .all(conn)
        .await?;
    models.into_iter().map(Sections::from_model).collect()
}

pub mod sections {
    use super::*;

    pub async fn create(
        db: &Database,
        actor: &Actor,
        programme_id: Uuid,
        section: SectionDraft,
    ) -> Result<Section, RepoError> {
        crud::create::<Sections>(db, actor, ProgrammeSection { programme_id, section }).await
    }

    /// Changes a section of the given programme (404 if it is another programme's).
    pub async fn update<E: From<RepoError>>(
        db: &Database,
        actor: &Actor,
        programme_id: Uuid,
        id: Uuid,
        change: impl FnOnce(&Section) -> Result<SectionDraft, E>,
    ) -> Result<Section, E> {
        crud::update::<Sections, E>(db, actor, id, |current| {
            if current.data.programme_id != programme_id {
                return Err(RepoError::NotFound { kind: "section", id }.into());
            }
            Ok(ProgrammeSection { programme_id, section: change(current)? })
        })
        .await
    }

    /// Deletes a section of the given programme (404 if it is another programme's) if `allow` agrees.
    pub async fn delete<E: From<RepoError>>(
        db: &Database,
        actor: &Actor,
        programme_id: Uuid,
        id: Uuid,
        allow: impl FnOnce(&Section) -> Result<(), E>,
    ) -> Result<(), E> {
        crud::delete::<Sections, E>(db, actor, id, |current| {
            if current.data.programme_id == programme_id {
                allow(current)
            } else {
                Err(RepoError::NotFound { kind: "section", id }.into())
            }
        })
        .await
    }

    pub async fn get(db: &Database, programme_id: Uuid, id: Uuid) -> Result<Section, RepoError> {
        let section = crud::get::<Sections>(db, id, Visibility::All).await?;
        if section.data.programme_id == programme_id {
            Ok(section)
        } else {
            Err(RepoError::NotFound { kind: "section", id })
        }
    }

    /// The programme's sections in order (404 if the programme does not exist).
    pub async fn list(db: &Database, programme_id: Uuid) -> Result<Vec<Section>, RepoError> {
        super::get(db, programme_id, Visibility::All).await?;
        sections_of(db.connection(), programme_id).await
    }
}
