//! What importing an earlier report needs of the database: what is there already (so that importing the same
//! report twice creates nothing new), the partners to recognise, and the new drafts written in one transaction.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use intercoop_domain::report::PartnerNames;
use intercoop_domain::{ActivityDraft, PartnerDraft, PartnerLink, PartnerRole};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::activities::Activities;
use crate::crud::{self, Record};
use crate::entities::activity::{Column, Entity};
use crate::entities::{partner, report_import};
use crate::links::ACTIVITY_MEASURES;
use crate::partners::Partners;
use crate::structure::{self, NewStructure};
use crate::support::{Page, PageRequest, from_json, new_meta, now, parse_stored};
use crate::{Actor, Database, RepoError};

/// What is there already on the days an import's events start.
#[derive(Debug, Default)]
pub struct Existing {
    /// (start date, Ukrainian description) of each activity: an imported paragraph is its activity's description,
    /// so a paragraph imported before is found again.
    pub imported: HashSet<(NaiveDate, String)>,
    /// (start date, measure id) of each activity: another activity on the same day under the same measure may be
    /// the same event, entered by hand.
    pub same_day: HashSet<(NaiveDate, Uuid)>,
}

/// The activities that start on any of `days`.
pub async fn existing(db: &Database, days: &[NaiveDate]) -> Result<Existing, RepoError> {
    existing_in(db.connection(), days).await
}

async fn existing_in(conn: &impl ConnectionTrait, days: &[NaiveDate]) -> Result<Existing, RepoError> {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut models = Vec::new();
    for days in days.chunks(crate::support::IN_LIST_MAX) {
        models.extend(Entity::find().filter(Column::StartDate.is_in(days.to_vec())).all(conn).await?);
    }
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let measures = ACTIVITY_MEASURES.load(conn, &ids).await?;
    let mut out = Existing::default();
    for model in models {
        let links = measures.get(&model.id).map(Vec::as_slice).unwrap_or_default();
        let activity = Activities::from_model(model)?;
        let day = activity.data.start_date;
        out.same_day.extend(links.iter().map(|link| (day, link.target)));
        if let Some(description) = activity.data.description {
            out.imported.insert((day, description.uk));
        }
    }
    Ok(out)
}

/// Every partner's names and aliases.
pub async fn partner_names(db: &Database) -> Result<Vec<PartnerNames>, RepoError> {
    crate::partners::names(db).await
}

/// Creates the drafts in one transaction, after the programme's structure when the report brings it: all of them
/// or (on any failure) none; see `create_drafts`. `progress` hears how many are written so far.
pub async fn create_activities(
    db: &Database,
    actor: &Actor,
    structure: Option<NewStructure>,
    drafts: Vec<(ActivityDraft, Option<usize>)>,
    partners: Vec<PartnerDraft>,
    progress: impl FnMut(usize, usize),
) -> Result<Vec<Uuid>, RepoError> {
    db.write(async |txn| {
        if let Some(structure) = structure {
            structure::create_in_txn(txn, actor, structure).await?;
        }
        create_drafts(txn, actor, drafts, partners, progress).await
    })
    .await
}

/// Creates those of `drafts` that are not there already (the same start date and description), each linked to
/// the partner of `partners` its index names (created as a draft unless a partner of that name exists by then);
/// returns the new activities' ids.
async fn create_drafts(
    txn: &DatabaseTransaction,
    actor: &Actor,
    drafts: Vec<(ActivityDraft, Option<usize>)>,
    partners: Vec<PartnerDraft>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<Uuid>, RepoError> {
    let days: Vec<NaiveDate> = drafts.iter().map(|(d, _)| d.start_date).collect();
    let existing = existing_in(txn, &days).await?;
    let drafts: Vec<_> = drafts
        .into_iter()
        .filter(|(d, _)| {
            let key = (d.start_date, d.description.as_ref().map(|d| d.uk.clone()).unwrap_or_default());
            !existing.imported.contains(&key)
        })
        .collect();
    let mut partner_ids = Vec::new();
    for (i, partner) in partners.into_iter().enumerate() {
        let named = drafts.iter().any(|(_, p)| *p == Some(i));
        partner_ids.push(if named { Some(partner_named(txn, actor, partner).await?) } else { None });
    }
    let (total, mut created) = (drafts.len(), Vec::new());
    for (mut draft, partner) in drafts {
        if let Some(id) = partner.and_then(|i| partner_ids[i])
            && !draft.partners.iter().any(|p| p.partner_id == id)
        {
            draft.partners.push(PartnerLink { partner_id: id, role: PartnerRole::Participant });
        }
        let meta = new_meta(Activities::WORKFLOW);
        created.push(crud::create_in::<Activities>(txn, actor, meta, draft).await?.meta.id);
        progress(created.len(), total);
    }
    Ok(created)
}

/// Where an uploaded report stands: read and proposed, then applied (its drafts created) once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportState {
    Proposed,
    Applied,
}

impl ImportState {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportState::Proposed => "proposed",
            ImportState::Applied => "applied",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [ImportState::Proposed, ImportState::Applied].into_iter().find(|s| s.as_str() == text)
    }
}

/// A report uploaded for import, with the text read from it.
#[derive(Debug, Clone)]
pub struct ReportImport {
    pub id: Uuid,
    pub version: i32,
    /// The programme its activities go under; none until applying creates the one the report names, when no
    /// programme ran in its year.
    pub programme_id: Option<Uuid>,
    pub year: i32,
    pub file_name: String,
    pub text: String,
    pub state: ImportState,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub applied_by: Option<String>,
    pub applied_at: Option<DateTime<Utc>>,
    /// The activities its application created.
    pub created_activities: Vec<Uuid>,
    /// The unit of the person who uploaded it: only that unit's editors (and publishers) may use it.
    pub owner_unit: Option<String>,
}

/// What an upload holds once read.
#[derive(Debug, Clone)]
pub struct NewImport {
    pub programme_id: Option<Uuid>,
    pub year: i32,
    pub file_name: String,
    pub text: String,
    pub owner_unit: Option<String>,
}

fn import_from(m: report_import::Model) -> Result<ReportImport, RepoError> {
    Ok(ReportImport {
        id: m.id,
        version: m.version,
        programme_id: m.programme_id,
        year: m.year,
        file_name: m.file_name,
        text: m.text,
        state: parse_stored(&m.state, ImportState::parse, "import state")?,
        created_by: m.created_by,
        created_at: m.created_at,
        applied_by: m.applied_by,
        applied_at: m.applied_at,
        owner_unit: m.owner_unit,
        created_activities: m
            .created_activities
            .map(|v| from_json(v, "imported activities"))
            .transpose()?
            .unwrap_or_default(),
    })
}

/// Keeps an uploaded report until it is applied or discarded.
pub async fn save(db: &Database, actor: &Actor, new: NewImport) -> Result<ReportImport, RepoError> {
    let model = report_import::Model {
        id: Uuid::now_v7(),
        version: 1,
        programme_id: new.programme_id,
        year: new.year,
        file_name: new.file_name,
        text: new.text,
        state: ImportState::Proposed.as_str().to_owned(),
        created_by: actor.subject.clone(),
        created_at: now(),
        applied_by: None,
        applied_at: None,
        created_activities: None,
        owner_unit: new.owner_unit,
    };
    db.write(async |txn| import_from(model.into_active_model().insert(txn).await?)).await
}

pub async fn get(db: &Database, id: Uuid) -> Result<ReportImport, RepoError> {
    let model = report_import::Entity::find_by_id(id).one(db.connection()).await?;
    import_from(model.ok_or(RepoError::NotFound { kind: "report import", id })?)
}

/// The uploads, newest first; with `unit`, only that unit's and those of no unit.
pub async fn list(
    db: &Database,
    state: Option<ImportState>,
    unit: Option<&str>,
    page: PageRequest,
) -> Result<Page<ReportImport>, RepoError> {
    let mut query = report_import::Entity::find();
    if let Some(unit) = unit {
        query = query.filter(
            sea_orm::Condition::any()
                .add(report_import::Column::OwnerUnit.eq(unit))
                .add(report_import::Column::OwnerUnit.is_null()),
        );
    }
    if let Some(state) = state {
        query = query.filter(report_import::Column::State.eq(state.as_str()));
    }
    let total = query.clone().count(db.connection()).await?;
    let models = query
        .order_by_desc(report_import::Column::CreatedAt)
        .order_by_desc(report_import::Column::Id)
        .limit(page.limit)
        .offset(page.offset)
        .all(db.connection())
        .await?;
    Ok(Page { total, items: models.into_iter().map(import_from).collect::<Result<_, _>>()? })
}

/// Discards an upload; the drafts an applied one created stay.
pub async fn delete(db: &Database, id: Uuid) -> Result<(), RepoError> {
    db.write(async |txn| {
        let result = report_import::Entity::delete_by_id(id).exec(txn).await?;
        if result.rows_affected == 0 {
            return Err(RepoError::NotFound { kind: "report import", id });
        }
        Ok(())
    })
    .await
}

/// The partner whose name is the draft's, created as a draft when there is none.
async fn partner_named(txn: &DatabaseTransaction, actor: &Actor, draft: PartnerDraft) -> Result<Uuid, RepoError> {
    let found = partner::Entity::find().filter(partner::Column::NameKey.eq(draft.name_key())).one(txn).await?;
    match found {
        Some(model) => Ok(model.id),
        None => Ok(crud::create_in::<Partners>(txn, actor, new_meta(Partners::WORKFLOW), draft).await?.meta.id),
    }
}

/// Why `apply` wrote nothing.
enum ApplyError {
    /// The import is no longer that version, or no longer proposed.
    Stale,
    Repo(RepoError),
}

impl From<RepoError> for ApplyError {
    fn from(e: RepoError) -> Self {
        ApplyError::Repo(e)
    }
}

/// Applies version `version` of a proposed import: in one transaction, marks it applied, creates the programme's
/// `structure` when it brings one, names the programme its activities go under (that one, or `programme_id`) as
/// the import's, and creates those of `drafts` that are not there already (the same start date and description), each linked to the partner of
/// `partners` its index names (created as a draft unless a partner of that name exists by then). `None` when the
/// import is no longer that version or no longer proposed, and nothing is written.
pub async fn apply(
    db: &Database,
    actor: &Actor,
    id: Uuid,
    version: i32,
    (programme_id, structure): (Option<Uuid>, Option<NewStructure>),
    drafts: Vec<(ActivityDraft, Option<usize>)>,
    partners: Vec<PartnerDraft>,
) -> Result<Option<ReportImport>, RepoError> {
    let outcome = db
        .write(async |txn| {
            // First, so that of two applications of one import the second waits here and then finds it applied.
            let marked = report_import::Entity::update_many()
                .col_expr(report_import::Column::State, Expr::value(ImportState::Applied.as_str()))
                .col_expr(report_import::Column::Version, Expr::value(version + 1))
                .col_expr(report_import::Column::AppliedBy, Expr::value(actor.subject.clone()))
                .col_expr(report_import::Column::AppliedAt, Expr::value(now()))
                .filter(report_import::Column::Id.eq(id))
                .filter(report_import::Column::Version.eq(version))
                .filter(report_import::Column::State.eq(ImportState::Proposed.as_str()))
                .exec(txn)
                .await
                .map_err(RepoError::from)?;
            if marked.rows_affected == 0 {
                return Err(ApplyError::Stale);
            }
            let programme_id = match structure {
                Some(structure) => Some(structure::create_in_txn(txn, actor, structure).await?),
                None => programme_id,
            };
            if let Some(programme_id) = programme_id {
                report_import::Entity::update_many()
                    .col_expr(report_import::Column::ProgrammeId, Expr::value(programme_id))
                    .filter(report_import::Column::Id.eq(id))
                    .exec(txn)
                    .await
                    .map_err(RepoError::from)?;
            }
            let created = create_drafts(txn, actor, drafts, partners, |_, _| {}).await?;
            report_import::Entity::update_many()
                .col_expr(report_import::Column::CreatedActivities, Expr::value(serde_json::json!(created)))
                .filter(report_import::Column::Id.eq(id))
                .exec(txn)
                .await
                .map_err(RepoError::from)?;
            let model = report_import::Entity::find_by_id(id).one(txn).await.map_err(RepoError::from)?;
            Ok(import_from(model.ok_or(RepoError::NotFound { kind: "report import", id })?)?)
        })
        .await;
    match outcome {
        Ok(import) => Ok(Some(import)),
        Err(ApplyError::Stale) => Ok(None),
        Err(ApplyError::Repo(e)) => Err(e),
    }
}
