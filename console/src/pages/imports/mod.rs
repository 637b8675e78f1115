//! Importing last years' Word reports: upload a report, read what it would become, correct it, apply it.

mod apply;
mod proposal;
mod upload;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/imports", web::get().to(upload::form))
        .route("/imports", web::post().to(upload::upload))
        .route("/imports/{id}", web::get().to(apply::show))
        .route("/imports/{id}/apply", web::post().to(apply::apply));
}
