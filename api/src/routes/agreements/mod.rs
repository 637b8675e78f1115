//! `/api/v1/agreements`: memoranda, partnership, twinning and technical-assistance agreements.

use intercoop_domain::AgreementDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod comments;
mod create;
mod delete;
mod get;
mod list;
mod update;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_agreements)
        .service(create::create_agreement)
        .service(get::get_agreement)
        .service(delete::delete_agreement);
}

/// The replace and the patch, registered after every collection's reads (the contract lists them in that order).
pub fn configure_updates(cfg: &mut ServiceConfig) {
    cfg.service(update::replace_agreement).service(update::patch_agreement);
}

/// The workflow's steps, registered last.
pub fn configure_workflow(cfg: &mut ServiceConfig) {
    cfg.service(workflow::submit_agreement)
        .service(workflow::publish_agreement)
        .service(workflow::return_agreement)
        .service(workflow::withdraw_agreement)
        .service(workflow::reopen_agreement)
        .service(comments::list_agreement_comments)
        .service(comments::add_agreement_comment);
}

super::record_response!(
    /// A agreement as stored.
    AgreementResponse,
    AgreementDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/agreements/{id}")
}
