use intercoop_domain::{FieldErrors, LocalizedText, MeasureCode, MeasureDraft, Meta, Money, SectionDraft, Stored};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::measure::{ActiveModel, Column, Entity, Model};
use crate::entities::section;
use crate::links::LinkTable;
use crate::support::{Page, PageRequest, from_json, from_json_text, parse_stored, to_json};
use crate::{Database, RepoError};

pub type Measure = Stored<MeasureDraft>;

/// What other records show of a measure.
#[derive(Debug, Clone)]
pub struct MeasureRef {
    pub id: Uuid,
    pub code: MeasureCode,
    pub title: LocalizedText,
}

/// Filters of the measure list.
#[derive(Debug, Clone, Default)]
pub struct MeasureFilter {
    /// Records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    pub programme_id: Option<Uuid>,
    pub section_id: Option<Uuid>,
    pub code: Option<MeasureCode>,
}

pub(crate) struct Measures;

impl Record for Measures {
    type Draft = MeasureDraft;
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Column = Column;
    const KIND: &'static str = "measure";
    const ID: Column = Column::Id;

    fn normalize(mut draft: MeasureDraft) -> MeasureDraft {
        for funding in &mut draft.funding {
            if let Ok(money) = Money::parse(&funding.amount, funding.currency) {
                funding.amount = money.amount_string();
            }
        }
        draft
    }

    async fn check_references(
        txn: &DatabaseTransaction,
        _id: Option<Uuid>,
        draft: &MeasureDraft,
    ) -> Result<(), RepoError> {
        let Some(section) = section::Entity::find_by_id(draft.section_id).one(txn).await? else {
            let message = format!("no section has the id {}", draft.section_id);
            return Err(RepoError::Invalid(FieldErrors::single("section_id", "unknown_reference", message)));
        };
        let section_draft = SectionDraft { number: section.number.clone(), title: LocalizedText::uk(String::new()) };
        if !section_draft.accepts(draft.code) {
            let message = format!(
                "measure {} belongs to section {}; section {} takes codes {}.x",
                draft.code,
                draft.code.section(),
                section.number,
                section.position
            );
            return Err(RepoError::Invalid(FieldErrors::single("code", "section_mismatch", message)));
        }
        Ok(())
    }

    fn clash(draft: &MeasureDraft) -> String {
        format!("measure {} exists in this section already", draft.code)
    }

    fn in_use() -> String {
        "the measure still has activities, grants or agreements; move them to another measure first".into()
    }

    fn to_model(record: &Measure) -> Model {
        let d = &record.data;
        Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            section_id: d.section_id,
            code: d.code.to_string(),
            code_sort: d.code.sort_key(),
            title: to_json(&d.title),
            responsible_units: to_json(&d.responsible_units),
            funding: to_json(&d.funding),
        }
    }

    fn from_model(m: Model) -> Result<Measure, RepoError> {
        let data = MeasureDraft {
            section_id: m.section_id,
            code: parse_stored(&m.code, |c| MeasureCode::parse(c).ok(), "measure code")?,
            title: from_json(m.title, "measure title")?,
            responsible_units: from_json(m.responsible_units, "responsible units")?,
            funding: from_json(m.funding, "funding")?,
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

crud::repository!(Measures, MeasureDraft, Measure);

/// Measures in code order (1.2 before 1.10).
pub async fn list(db: &Database, filter: &MeasureFilter, page: PageRequest) -> Result<Page<Measure>, RepoError> {
    let mut cond = Condition::all();
    if let Some(since) = filter.updated_since {
        cond = cond.add(Column::UpdatedAt.gte(since));
    }
    if let Some(programme) = filter.programme_id {
        let sections =
            Query::select().column("id").from("sections").and_where(Expr::col("programme_id").eq(programme)).to_owned();
        cond = cond.add(Column::SectionId.in_subquery(sections));
    }
    if let Some(section) = filter.section_id {
        cond = cond.add(Column::SectionId.eq(section));
    }
    if let Some(code) = filter.code {
        cond = cond.add(Column::Code.eq(code.to_string()));
    }
    crud::page::<Measures>(db.connection(), Entity::find().filter(cond), Column::CodeSort, false, page).await
}

/// The measures with these ids, for embedding in other records.
pub(crate) async fn refs(conn: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<MeasureRef>, RepoError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    use sea_orm::QuerySelect;
    let mut refs = Vec::with_capacity(ids.len());
    for ids in ids.chunks(crate::support::IN_LIST_MAX) {
        let rows: Vec<(Uuid, String, sea_orm::JsonValue)> = Entity::find()
            .select_only()
            .columns([Column::Id, Column::Code, Column::Title])
            .filter(Column::Id.is_in(ids.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, code, title) in rows {
            refs.push(MeasureRef {
                id,
                code: parse_stored(&code, |c| MeasureCode::parse(c).ok(), "measure code")?,
                title: from_json(title, "measure title")?,
            });
        }
    }
    Ok(refs)
}

/// The measures linked to each of `owners` through `table`, with the owner's id, in stored order.
pub(crate) async fn linked(
    conn: &impl ConnectionTrait,
    table: &LinkTable,
    owners: &[Uuid],
) -> Result<Vec<(Uuid, MeasureRef)>, RepoError> {
    let rows = table.joined(conn, owners, "measures", &["id", "code"], &["title"]).await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get("", "code")?;
            let title: String = row.try_get("", "title")?;
            let measure = MeasureRef {
                id: row.try_get("", "id")?,
                code: parse_stored(&code, |c| MeasureCode::parse(c).ok(), "measure code")?,
                title: from_json_text(&title, "measure title")?,
            };
            Ok((row.try_get("", "owner")?, measure))
        })
        .collect()
}

/// All measures of the given sections, in code order.
pub(crate) async fn of_sections(conn: &impl ConnectionTrait, section_ids: &[Uuid]) -> Result<Vec<Measure>, RepoError> {
    if section_ids.is_empty() {
        return Ok(Vec::new());
    }
    let models = Entity::find().filter(Column::SectionId.is_in(section_ids.to_vec())).all(conn).await?;
    let mut measures: Vec<Measure> = models.into_iter().map(Measures::from_model).collect::<Result<_, _>>()?;
    measures.sort_by_key(|m| m.data.code);
    Ok(measures)
}
