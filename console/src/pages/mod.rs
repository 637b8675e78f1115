//! The console's pages, one module per screen.

mod activities;
mod admin;
mod agreements;
mod grants;
mod history;
mod imports;
mod partners;
mod programme;
mod records;
mod report;
mod review;
mod sign_in;
mod sign_in_idp;
mod start;
mod waiting;
mod workflow;

use actix_web::{HttpRequest, web};

use crate::page::PageError;
use crate::session::lang_of;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(start::show))
        .route("/", web::get().to(start::show))
        .route("/sign-in", web::get().to(sign_in::form))
        .route("/sign-in", web::post().to(sign_in::sign_in))
        .route("/sign-out", web::post().to(sign_in::sign_out))
        .route("/sign-in/idp", web::get().to(sign_in_idp::start))
        .route("/sign-in/idp/callback", web::get().to(sign_in_idp::callback))
        .route("/language/{code}", web::get().to(sign_in::language))
        .route("/programme", web::get().to(programme::show))
        .route("/assets/{name}", web::get().to(crate::assets::serve))
        // Before the records' own routes, whose `/{id}/{step}` would otherwise take the history's address.
        .configure(history::configure)
        .configure(activities::configure)
        .configure(partners::configure)
        .configure(grants::configure)
        .configure(agreements::configure)
        .configure(imports::configure)
        .configure(report::configure)
        .configure(admin::configure);
}

/// Any other address under the console.
pub async fn not_found(req: HttpRequest) -> Result<actix_web::HttpResponse, PageError> {
    Err(PageError::not_found(lang_of(&req)))
}
