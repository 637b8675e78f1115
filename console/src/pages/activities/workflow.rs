//! An activity's workflow steps (submit, publish, return, withdraw, reopen) and comments, from the forms of
//! its page; a refused one shows the page again with the comment kept.

use actix_web::{HttpRequest, HttpResponse, web};
use intercoop_domain::roles::Editor;
use intercoop_operations::Database;

use super::edit;
use crate::page::PageError;
use crate::pages::workflow::{Collection, Outcome, run};
use crate::session::Staff;

pub async fn step(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    match run(&staff, &db, &body, Collection::Activities, path.into_inner()).await? {
        Outcome::Done(response) => Ok(response),
        Outcome::Refused(refusal) => edit::refused_step(&req, &staff, &db, refusal).await,
    }
}
