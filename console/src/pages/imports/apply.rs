//! Applying an upload: the drafts it proposes (and its new partners) are created in one transaction.

use actix_web::{HttpResponse, web};
use intercoop_domain::report::Letterhead;
use intercoop_domain::roles::Editor;
use intercoop_operations::imports::{self, Home};
use intercoop_operations::{Database, IfMatch};
use serde::Deserialize;
use uuid::Uuid;

use crate::BASE;
use crate::forms;
use crate::page::{PageError, see_other};
use crate::session::Staff;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    csrf: String,
    version: Option<i32>,
}

pub async fn apply(
    staff: Staff<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let form: ApplyForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(lang))?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    imports::apply(&db, staff.caller(), id, &if_match, &Home::of(&letterhead))
        .await
        .map_err(|e| PageError::from_operation(lang, e))?;
    Ok(see_other(&format!("{BASE}/imports/{id}?done=applied")))
}
