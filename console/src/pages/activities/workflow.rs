//! An activity's workflow steps (publish, withdraw, reopen), from the buttons of its page.

use actix_web::{HttpResponse, web};
use intercoop_domain::Transition;
use intercoop_domain::roles::Publisher;
use intercoop_operations::records::activities;
use intercoop_operations::{Database, IfMatch};
use serde::Deserialize;
use uuid::Uuid;

use crate::BASE;
use crate::forms;
use crate::page::{PageError, see_other};
use crate::session::Staff;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    csrf: String,
    version: Option<i32>,
}

pub async fn step(
    staff: Staff<Publisher>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let form: StepForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let (id, step) = path.into_inner();
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(lang))?;
    let transition = match step.as_str() {
        "publish" => Transition::Publish,
        "withdraw" => Transition::Withdraw,
        "reopen" => Transition::Reopen,
        _ => return Err(PageError::not_found(lang)),
    };
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    activities::transition(&db, staff.caller(), id, &if_match, transition)
        .await
        .map_err(|e| PageError::from_operation(lang, e))?;
    Ok(see_other(&format!("{BASE}/activities/{id}?done={step}")))
}
