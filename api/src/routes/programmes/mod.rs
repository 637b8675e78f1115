//! `/api/v1/programmes` and their sections: the programme structure, which admins write and anyone reads.

use chrono::{DateTime, Utc};
use intercoop_domain::{ProgrammeDraft, SectionDraft};
use intercoop_operations::programmes::Section;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::measures::MeasureResponse;

mod create;
mod delete;
mod get;
mod list;
mod sections;
mod update;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_programmes)
        .service(create::create_programme)
        .service(get::get_programme)
        .service(update::replace_programme)
        .service(update::patch_programme)
        .service(delete::delete_programme)
        .configure(sections::configure);
}

super::record_response!(
    /// A programme as stored.
    ProgrammeResponse,
    ProgrammeDraft
);

/// A section as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionResponse {
    /// The section's id.
    pub id: Uuid,
    /// The programme the section belongs to.
    pub programme_id: Uuid,
    /// Starts at 1 and grows by one with every change.
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub data: SectionDraft,
}

impl From<Section> for SectionResponse {
    fn from(record: Section) -> Self {
        Self {
            id: record.meta.id,
            programme_id: record.data.programme_id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            data: record.data.section,
        }
    }
}

/// A section with its measures, in code order.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionWithMeasures {
    #[serde(flatten)]
    pub section: SectionResponse,
    /// The section's measures, in code order (1.2 before 1.10).
    pub measures: Vec<MeasureResponse>,
}

/// A programme with its whole structure: sections in order, each with its measures.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeDetail {
    #[serde(flatten)]
    pub programme: ProgrammeResponse,
    /// The programme's sections in order, each with its measures.
    pub sections: Vec<SectionWithMeasures>,
}

fn location(id: Uuid) -> String {
    format!("/api/v1/programmes/{id}")
}
