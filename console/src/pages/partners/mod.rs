//! The partners: the list with its filters, the form to add or change one, and its workflow steps.

mod edit;
mod list;
mod workflow;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/partners", web::get().to(list::show))
        .route("/partners", web::post().to(edit::create))
        .route("/partners/new", web::get().to(edit::new))
        .route("/partners/{id}", web::get().to(edit::show))
        .route("/partners/{id}", web::post().to(edit::save))
        .route("/partners/{id}/{step}", web::post().to(workflow::step));
}
