//! `/api/v1/grants`: money from donors for the council's projects.

use intercoop_domain::GrantDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod comments;
mod create;
mod delete;
mod get;
mod list;
mod update;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_grants).service(create::create_grant).service(get::get_grant).service(delete::delete_grant);
}

/// The replace and the patch, registered after every collection's reads (the contract lists them in that order).
pub fn configure_updates(cfg: &mut ServiceConfig) {
    cfg.service(update::replace_grant).service(update::patch_grant);
}

/// The workflow's steps, registered last.
pub fn configure_workflow(cfg: &mut ServiceConfig) {
    cfg.service(workflow::submit_grant)
        .service(workflow::publish_grant)
        .service(workflow::return_grant)
        .service(workflow::withdraw_grant)
        .service(workflow::reopen_grant)
        .service(comments::list_grant_comments)
        .service(comments::add_grant_comment);
}

super::record_response!(
    /// A grant as stored.
    GrantResponse,
    GrantDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/grants/{id}")
}
