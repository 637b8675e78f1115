//! `/api/v1/activities`: what the council did under the programme's measures, with its partners.

use chrono::{DateTime, Utc};
use intercoop_domain::{ActivityDraft, CountryCode, LocalizedText, MeasureCode, PartnerKind, PublicationState};
use intercoop_operations::activities::ActivityView;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

mod comments;
mod create;
mod delete;
mod get;
mod list;
mod update;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_activities)
        .service(create::create_activity)
        .service(get::get_activity)
        .service(delete::delete_activity);
}

/// The replace and the patch, registered after every collection's reads (the contract lists them in that order).
pub fn configure_updates(cfg: &mut ServiceConfig) {
    cfg.service(update::replace_activity).service(update::patch_activity);
}

/// The workflow's steps, registered last.
pub fn configure_workflow(cfg: &mut ServiceConfig) {
    cfg.service(workflow::submit_activity)
        .service(workflow::publish_activity)
        .service(workflow::return_activity)
        .service(workflow::withdraw_activity)
        .service(workflow::reopen_activity)
        .service(comments::list_activity_comments)
        .service(comments::add_activity_comment);
}

/// What an activity shows of one of its measures.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureSummary {
    /// The measure's id.
    pub id: Uuid,
    /// The measure's code, e.g. "1.10".
    #[schema(value_type = String, example = "1.3")]
    pub code: MeasureCode,
    /// The measure's title.
    pub title: LocalizedText,
}

/// What an activity shows of one of its partners.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerSummary {
    /// The partner's id.
    pub id: Uuid,
    /// The partner's name.
    pub name: LocalizedText,
    /// What sort of body the partner is.
    pub kind: PartnerKind,
    /// ISO 3166-1 alpha-2 country code.
    #[schema(value_type = Option<String>, example = "DE")]
    pub country: Option<CountryCode>,
}

/// An activity as stored, with its measures' codes and titles and its partners' names.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityResponse {
    /// The activity's id.
    pub id: Uuid,
    /// Starts at 1 and grows by one with every change.
    pub version: i32,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    /// Where the activity stands in its workflow: `draft`, `submitted` (for review), `published` or `withdrawn`;
    /// changed only by `POST .../submit`, `.../publish`, `.../return`, `.../withdraw` and `.../reopen`.
    pub publication: PublicationState,
    #[serde(flatten)]
    pub data: ActivityDraft,
    /// The measures of `measure_ids`, in code order.
    pub measures: Vec<MeasureSummary>,
    /// The partners of `partners`, in the same order.
    pub partner_details: Vec<PartnerSummary>,
}

impl From<ActivityView> for ActivityResponse {
    fn from(view: ActivityView) -> Self {
        let ActivityView { record, measures, partners } = view;
        Self {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            publication: record.meta.publication.unwrap_or_default(),
            data: record.data,
            measures: measures.into_iter().map(|m| MeasureSummary { id: m.id, code: m.code, title: m.title }).collect(),
            partner_details: partners
                .into_iter()
                .map(|p| PartnerSummary { id: p.id, name: p.name, kind: p.kind, country: p.country })
                .collect(),
        }
    }
}

fn location(id: Uuid) -> String {
    format!("/api/v1/activities/{id}")
}
