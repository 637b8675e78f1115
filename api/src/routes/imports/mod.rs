//! `/api/v1/imports`: an earlier report uploaded by an editor, read into the draft activities it proposes, then
//! applied (the drafts created in one transaction) by a second call.

use chrono::{DateTime, Utc};
use intercoop_operations::Database;
use intercoop_operations::imports::{
    Fate, Home, Plan, PlannedActivity, ProposedPartner, ProposedProgramme, ReportImport, plan,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

mod apply;
mod manage;
mod upload;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(manage::list_imports)
        .service(upload::create_import)
        .service(manage::get_import)
        .service(manage::delete_import)
        .service(apply::apply_import);
}

/// An uploaded report: who uploaded it, when, and whether it is applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportInfo {
    pub id: Uuid,
    /// 1 when uploaded, 2 once applied.
    pub version: i32,
    /// `proposed` (read, nothing created yet) or `applied` (its drafts are created).
    #[schema(example = "proposed")]
    pub state: String,
    /// The uploaded file's name.
    #[schema(example = "report-2023.docx")]
    pub file_name: String,
    /// The year the report is for.
    #[schema(example = 2023)]
    pub year: i32,
    /// The programme its activities go under; null while no programme runs in its year (the import then proposes
    /// the one the report names, as `new_programme`, and applying it creates that programme and sets this).
    pub programme_id: Option<Uuid>,
    /// Who uploaded it (the token's subject).
    pub created_by: String,
    /// The uploader's unit: only its editors (and publishers and admins) may read, apply or discard the upload.
    #[schema(example = "управління культури і туризму")]
    pub owner_unit: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Who applied it.
    pub applied_by: Option<String>,
    pub applied_at: Option<DateTime<Utc>>,
    /// The draft activities its application created.
    pub created_activities: Vec<Uuid>,
}

impl From<&ReportImport> for ImportInfo {
    fn from(i: &ReportImport) -> Self {
        Self {
            id: i.id,
            version: i.version,
            state: i.state.as_str().to_owned(),
            file_name: i.file_name.clone(),
            year: i.year,
            programme_id: i.programme_id,
            created_by: i.created_by.clone(),
            owner_unit: i.owner_unit.clone(),
            created_at: i.created_at,
            applied_by: i.applied_by.clone(),
            applied_at: i.applied_at,
            created_activities: i.created_activities.clone(),
        }
    }
}

/// How many dated events the report holds and what becomes of them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Measure rows found in the report's table.
    pub measures: usize,
    /// Dated events found: one proposed activity each.
    pub dated_events: usize,
    /// Those that applying would create as drafts.
    pub new: usize,
    /// Those imported before (or created by applying this import): left alone.
    pub existing: usize,
    /// Those under a measure code the programme does not have.
    pub no_measure: usize,
    /// Those whose draft would not be valid.
    pub invalid: usize,
    /// Those with a flag to look at (a date outside the year, a year implied).
    pub flagged: usize,
}

/// An uploaded report with what importing it does, against the records as they are now.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a4d2-9b20-7d11-8c3e-5b1f2a9e0c77", "version": 1, "state": "proposed", "file_name": "report-2024.docx",
    "year": 2024, "programme_id": "0190f5a0-0000-7000-8000-000000000001", "created_by": "olena",
    "created_at": "2026-12-01T10:15:00Z", "applied_by": null, "applied_at": null, "created_activities": [],
    "summary": {"measures": 18, "dated_events": 1, "new": 1, "existing": 0, "no_measure": 0, "invalid": 0, "flagged": 0},
    "measures": ["1.1", "1.2"],
    "new_partners": [],
    "new_programme": null,
    "activities": [{
        "fate": "new", "measure_code": "1.2", "start_date": "2024-03-04", "end_date": "2024-03-05",
        "additional_dates": [], "date_precision": "day",
        "title": "Робочий візит делегації міста до м. Щецин (Польща)", "kind": "visit_abroad",
        "partners": ["Щецин"], "place": {"city": {"uk": "Щецин"}, "country": "PL"}, "new_partner": null,
        "flags": [], "problem": null, "corrected": false,
        "source": "04-05 березня 2024 року робочий візит делегації міста до м. Щецин (Польща)."
    }]
}))]
pub struct ImportResponse {
    #[serde(flatten)]
    pub info: ImportInfo,
    pub summary: ImportSummary,
    /// The measure codes the report has rows for, in its order.
    pub measures: Vec<String>,
    /// One per dated event, in the report's order; `fate` tells what applying does with it.
    pub activities: Vec<PlannedActivity>,
    /// Cities abroad the report names with their country and no partner is: applying creates them as draft
    /// partners linked to the new activities that name them.
    pub new_partners: Vec<ProposedPartner>,
    /// When no programme runs in the report's year: the one the report's title names, with the sections and
    /// measures of its table. Applying creates it (an administrator's step) before the activities.
    pub new_programme: Option<ProposedProgramme>,
}

impl ImportResponse {
    fn new(import: &ReportImport, plan: Plan) -> Self {
        let summary = ImportSummary {
            measures: plan.measures.len(),
            dated_events: plan.activities.len(),
            new: plan.count(Fate::New),
            existing: plan.count(Fate::Existing),
            no_measure: plan.count(Fate::NoMeasure),
            invalid: plan.count(Fate::Invalid),
            flagged: plan.flagged(),
        };
        Self {
            info: import.into(),
            summary,
            measures: plan.measures,
            activities: plan.activities,
            new_partners: plan.new_partners,
            new_programme: plan.new_programme,
        }
    }

    /// The import with its plan made now.
    async fn of(db: &Database, import: &ReportImport, home: &Home) -> Result<Self, crate::http::error::ApiError> {
        let plan = plan(db, &import.text, import.year, import.programme_id, home).await?;
        Ok(Self::new(import, plan))
    }
}
