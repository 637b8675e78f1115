//! The administration (admins only): people's accounts, service accounts, webhook subscriptions and the
//! programme's structure, over the same operations as the API's `/users`, `/service-accounts`, `/webhooks`,
//! `/programmes/{id}/sections` and `/measures`.

mod accounts;
mod people;
mod services;
mod structure;
mod webhooks;

use actix_web::web;
use intercoop_domain::Role;

use crate::i18n::Tr;
use crate::pages::activities::Choice;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(accounts::show))
        .route("/admin/accounts", web::get().to(accounts::show))
        .route("/admin/people/new", web::get().to(people::new))
        .route("/admin/people", web::post().to(people::create))
        .route("/admin/people/{id}", web::get().to(people::show))
        .route("/admin/people/{id}", web::post().to(people::save))
        .route("/admin/people/{id}/password", web::post().to(people::password))
        .route("/admin/services/new", web::get().to(services::new))
        .route("/admin/services", web::post().to(services::create))
        .route("/admin/services/{id}", web::get().to(services::show))
        .route("/admin/services/{id}", web::post().to(services::save))
        .route("/admin/services/{id}/secret", web::post().to(services::rotate))
        .route("/admin/webhooks", web::get().to(webhooks::list))
        .route("/admin/webhooks", web::post().to(webhooks::create))
        .route("/admin/webhooks/new", web::get().to(webhooks::new))
        .route("/admin/webhooks/{id}", web::get().to(webhooks::show))
        .route("/admin/webhooks/{id}", web::post().to(webhooks::save))
        .route("/admin/webhooks/{id}/deliveries/{delivery}/redeliver", web::post().to(webhooks::redeliver))
        .route("/admin/programmes/{programme}/sections/new", web::get().to(structure::new_section))
        .route("/admin/programmes/{programme}/sections", web::post().to(structure::create_section))
        .route("/admin/programmes/{programme}/sections/{id}", web::get().to(structure::show_section))
        .route("/admin/programmes/{programme}/sections/{id}", web::post().to(structure::save_section))
        .route("/admin/measures/new", web::get().to(structure::new_measure))
        .route("/admin/measures", web::post().to(structure::create_measure))
        .route("/admin/measures/{id}", web::get().to(structure::show_measure))
        .route("/admin/measures/{id}", web::post().to(structure::save_measure));
}

/// The roles to pick from, `chosen` picked.
fn roles(tr: Tr, chosen: &str) -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: tr.term("role", r.as_str()),
            chosen: r.as_str() == chosen,
        })
        .collect()
}
