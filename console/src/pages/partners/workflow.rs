//! A partner's workflow steps (publish, withdraw, reopen), from the buttons of its page.

use actix_web::{HttpResponse, web};
use intercoop_domain::roles::Publisher;
use intercoop_operations::Database;
use intercoop_operations::records::partners;

use crate::page::PageError;
use crate::pages::workflow::run;
use crate::session::Staff;

pub async fn step(
    staff: Staff<Publisher>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let caller = staff.caller();
    run(&staff, &body, "partners", path.into_inner(), |id, if_match, step| async move {
        partners::transition(&db, caller, id, &if_match, step).await
    })
    .await
}
