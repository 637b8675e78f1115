//! `/api/v1/changes`: the change feed other systems follow to keep their copies in step.

use utoipa_actix_web::service_config::ServiceConfig;

mod list;

pub use list::{ChangeFeed, ChangeResponse};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_changes);
}
