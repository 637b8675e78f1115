//! `/api/v1/grants`: money from donors for the council's projects.

use intercoop_domain::GrantDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod create;
mod delete;
mod get;
mod list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_grants).service(create::create_grant).service(get::get_grant).service(delete::delete_grant);
}

super::record_response!(
    /// A grant as stored.
    GrantResponse,
    GrantDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/grants/{id}")
}
