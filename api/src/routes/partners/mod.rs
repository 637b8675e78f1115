//! `/api/v1/partners`: twin cities, donors, international organisations and the other bodies the council works with.

use intercoop_domain::PartnerDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod comments;
mod create;
mod delete;
mod get;
mod list;
mod update;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_partners)
        .service(create::create_partner)
        .service(get::get_partner)
        .service(delete::delete_partner);
}

/// The replace and the patch, registered after every collection's reads (the contract lists them in that order).
pub fn configure_updates(cfg: &mut ServiceConfig) {
    cfg.service(update::replace_partner).service(update::patch_partner);
}

/// The workflow's steps, registered last.
pub fn configure_workflow(cfg: &mut ServiceConfig) {
    cfg.service(workflow::submit_partner)
        .service(workflow::publish_partner)
        .service(workflow::return_partner)
        .service(workflow::withdraw_partner)
        .service(workflow::reopen_partner)
        .service(comments::list_partner_comments)
        .service(comments::add_partner_comment);
}

super::record_response!(
    /// A partner as stored.
    PartnerResponse,
    PartnerDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/partners/{id}")
}
