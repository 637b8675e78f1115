//! `/api/v1/partners`: twin cities, donors, international organisations and the other bodies the council works with.

use intercoop_domain::PartnerDraft;
use utoipa_actix_web::service_config::ServiceConfig;

mod create;
mod delete;
mod get;
mod list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_partners)
        .service(create::create_partner)
        .service(get::get_partner)
        .service(delete::delete_partner);
}

super::record_response!(
    /// A partner as stored.
    PartnerResponse,
    PartnerDraft
);

fn location(id: uuid::Uuid) -> String {
    format!("/api/v1/partners/{id}")
}
