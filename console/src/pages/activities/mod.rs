//! The activities: the list with its filters, the form to record or change one, and its workflow steps.

mod choices;
mod edit;
mod list;
pub mod row;
mod workflow;

pub use choices::{Choice, MeasureGroup, measure_groups, partner_list, vocabulary};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/activities", web::get().to(list::show))
        .route("/activities", web::post().to(edit::create))
        .route("/activities/new", web::get().to(edit::new))
        .route("/activities/{id}", web::get().to(edit::show))
        .route("/activities/{id}", web::post().to(edit::save))
        .route("/activities/{id}/{step}", web::post().to(workflow::step));
}
