//! What every record's page shares about the workflow: which steps a person may take from a state, whether they
//! may change the record at all, and running a step from its button.

use std::future::Future;

use actix_web::HttpResponse;
use intercoop_domain::roles::{MinRole, Publisher};
use intercoop_domain::{PublicationState, Role, Transition};
use intercoop_operations::IfMatch;
use serde::Deserialize;
use uuid::Uuid;

use crate::BASE;
use crate::forms;
use crate::page::{PageError, see_other};
use crate::session::Staff;

/// The steps the workflow allows from `state`.
pub fn steps_from(state: PublicationState) -> &'static [&'static str] {
    match state {
        PublicationState::Draft => &["publish"],
        PublicationState::Published => &["withdraw"],
        PublicationState::Withdrawn => &["publish", "reopen"],
    }
}

/// The steps the person may take on a record in `state`, with their labels: none without the publisher role.
pub fn offered<R: MinRole>(staff: &Staff<R>, state: Option<PublicationState>) -> Vec<(String, String)> {
    match state {
        Some(state) if staff.has(Role::Publisher) => {
            steps_from(state).iter().map(|step| (step.to_string(), staff.tr.t(&format!("step-{step}")))).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether the person may change a record of `owner_unit` in `state` (none: a new record): the editor role, the
/// unit an editor is kept to, and the publisher role for a published record; the operation decides again.
pub fn editable<R: MinRole>(staff: &Staff<R>, owner_unit: Option<&str>, state: Option<PublicationState>) -> bool {
    let unit_ok = match (staff.caller().bound_unit(), state) {
        (Some(unit), Some(_)) => owner_unit.is_none_or(|owner| owner == unit),
        _ => true,
    };
    staff.has(Role::Editor) && unit_ok && (state != Some(PublicationState::Published) || staff.has(Role::Publisher))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    csrf: String,
    version: Option<i32>,
}

/// Runs the step named `step` on the record `id` of `collection` (`activities`, `partners`) with `operation`,
/// over the version the page showed, and goes back to the record's page.
pub async fn run<T, Fut>(
    staff: &Staff<Publisher>,
    body: &[u8],
    collection: &str,
    (id, step): (String, String),
    operation: impl FnOnce(Uuid, IfMatch, Transition) -> Fut,
) -> Result<HttpResponse, PageError>
where
    Fut: Future<Output = intercoop_operations::Result<T>>,
{
    let lang = staff.tr.lang;
    let form: StepForm = forms::read(body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(lang))?;
    let transition = match step.as_str() {
        "publish" => Transition::Publish,
        "withdraw" => Transition::Withdraw,
        "reopen" => Transition::Reopen,
        _ => return Err(PageError::not_found(lang)),
    };
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    operation(id, if_match, transition).await.map_err(|e| PageError::from_operation(lang, e))?;
    Ok(see_other(&format!("{BASE}/{collection}/{id}?done={step}")))
}
