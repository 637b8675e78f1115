//! `/api/v1/measures`: the numbered measures of a programme's sections ("1.10 Сприяння участі суб'єктів
//! підприємництва ..."). Part of the programme structure: admins write them, anyone reads them.

use intercoop_domain::MeasureDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod create;
mod delete;
mod get;
mod list;
mod update;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_measures)
        .service(create::create_measure)
        .service(get::get_measure)
        .service(update::replace_measure)
        .service(update::patch_measure)
        .service(delete::delete_measure);
}

super::record_response!(
    /// A measure as stored.
    MeasureResponse,
    MeasureDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/measures/{id}")
}
