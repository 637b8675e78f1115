//! `/api/v1/agreements`: memoranda, partnership, twinning and technical-assistance agreements.

use intercoop_domain::AgreementDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod create;
mod delete;
mod get;
mod list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_agreements)
        .service(create::create_agreement)
        .service(get::get_agreement)
        .service(delete::delete_agreement);
}

super::record_response!(
    /// A agreement as stored.
    AgreementResponse,
    AgreementDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/agreements/{id}")
}
