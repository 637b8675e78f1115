//! The staff console: the pages department staff and unit editors work in, served under `/console/`. Pages are
//! rendered on the server (askama templates, texts from Fluent catalogues in Ukrainian and English); every form
//! is a plain POST that redirects, and a little script of the project's own only enhances. Every action calls the
//! same operation as the REST API: the console writes no rule of its own.

mod assets;
mod forms;
mod i18n;
mod page;
mod pages;
mod security;
mod session;

use std::net::IpAddr;
use std::sync::Arc;

use actix_web::{HttpRequest, web};

pub use i18n::Lang;

/// Where the console is served.
pub const BASE: &str = "/console";

/// The largest form the console reads: an activity's form sends a role for each partner it lists, and Ukrainian
/// text travels percent-encoded at six bytes a letter.
const FORM_LIMIT: usize = 4 * 1024 * 1024;

/// What the console needs to know of a request that the HTTP server decides: the caller's address (behind the
/// trusted proxies), for the sign-in throttle, and whether the browser reached the service over HTTPS (the
/// session cookie is then `Secure`).
#[derive(Clone)]
pub struct RequestOrigin {
    pub client_address: Arc<ClientAddress>,
    pub https: Arc<dyn Fn(&HttpRequest) -> bool + Send + Sync>,
    /// The service's public base URL as the browser reaches it (`https://intercoop.khm.gov.ua`).
    pub base_url: Arc<dyn Fn(&HttpRequest) -> String + Send + Sync>,
}

/// The council's identity provider, when staff may sign in through it.
#[derive(Clone, Default)]
pub struct IdpSignIn(pub Option<Arc<intercoop_operations::accounts::idp::Idp>>);

/// The largest report file the import takes, in bytes (the service's upload limit).
#[derive(Debug, Clone, Copy)]
pub struct UploadLimit(pub usize);

/// Finds the caller's address of a request.
pub type ClientAddress = dyn Fn(&HttpRequest) -> Option<IpAddr> + Send + Sync;

/// Registers the console's pages under [`BASE`]; the application provides the database, the sign-in throttle,
/// the letterhead, an [`UploadLimit`] and a [`RequestOrigin`].
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope(BASE)
            .app_data(web::PayloadConfig::new(FORM_LIMIT))
            .wrap(actix_web::middleware::from_fn(security::headers))
            .configure(pages::configure)
            .default_service(web::to(pages::not_found)),
    );
}
