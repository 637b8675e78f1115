//! The console's own stylesheet and script, built into the binary: nothing is loaded from another host.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::page::PageError;
use crate::session::lang_of;

const CSS: &str = include_str!("../assets/console.css");
const JS: &str = include_str!("../assets/console.js");

pub async fn serve(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, PageError> {
    let (body, content_type) = match name.as_str() {
        "console.css" => (CSS, "text/css; charset=utf-8"),
        "console.js" => (JS, "text/javascript; charset=utf-8"),
        _ => return Err(PageError::not_found(lang_of(&req))),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(body))
}
