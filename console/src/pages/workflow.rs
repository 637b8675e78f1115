//! What every record's page shares about the workflow: the record types with pages, which steps a person may take
//! from a state, whether they may change the record at all, and running a step or adding a comment from its form.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use intercoop_domain::roles::{Editor, MinRole};
use intercoop_domain::{PublicationState, Role, Transition};
use intercoop_operations::records::{activities, agreements, grants, partners};
use intercoop_operations::{Database, Error, IfMatch};
use serde::Deserialize;
use uuid::Uuid;

use crate::BASE;
use crate::forms::{self, Errors, Refusal};
use crate::i18n::Tr;
use crate::page::{PageError, see_other};
use crate::session::Staff;

/// The record types whose pages the console has.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Activities,
    Partners,
    Grants,
    Agreements,
}

impl Collection {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "activities" => Some(Collection::Activities),
            "partners" => Some(Collection::Partners),
            "grants" => Some(Collection::Grants),
            "agreements" => Some(Collection::Agreements),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Collection::Activities => "activities",
            Collection::Partners => "partners",
            Collection::Grants => "grants",
            Collection::Agreements => "agreements",
        }
    }

    pub fn record_type(self) -> &'static str {
        match self {
            Collection::Activities => "activity",
            Collection::Partners => "partner",
            Collection::Grants => "grant",
            Collection::Agreements => "agreement",
        }
    }
}

/// A step the person may take from the record's page.
pub struct StepButton {
    pub code: &'static str,
    pub label: String,
    /// Whether the step's form asks for a comment (a return to the unit), and the comment's input.
    pub needs_comment: bool,
    pub input: String,
}

/// The steps the person may take on a record of `owner_unit` in `state`: an editor who may change the draft
/// submits it; a publisher publishes, returns, withdraws and reopens. The operation decides again.
pub fn offered<R: MinRole>(
    staff: &Staff<R>,
    owner_unit: Option<&str>,
    state: Option<PublicationState>,
) -> Vec<StepButton> {
    let Some(state) = state else { return Vec::new() };
    let publisher = staff.has(Role::Publisher);
    state
        .steps()
        .filter(|step| match step {
            Transition::Submit => !publisher && editable(staff, owner_unit, Some(state)),
            step => staff.has(step.role()),
        })
        .map(|step| StepButton {
            code: step.as_str(),
            label: staff.tr.t(&format!("step-{}", step.as_str())),
            needs_comment: step.needs_comment(),
            input: format!("{}-comment", step.as_str()),
        })
        .collect()
}

/// Whether the person may change a record of `owner_unit` in `state` (none: a new record): the editor role, the
/// unit an editor is kept to, and the publisher role for a published or submitted record; the operation decides
/// again.
pub fn editable<R: MinRole>(staff: &Staff<R>, owner_unit: Option<&str>, state: Option<PublicationState>) -> bool {
    staff.has(Role::Editor) && unit_ok(staff, owner_unit, state) && staff.caller().check_may_change(state).is_ok()
}

/// Whether the person may write on a record of `owner_unit`: the editor role and the unit an editor is kept to.
pub fn may_comment<R: MinRole>(staff: &Staff<R>, owner_unit: Option<&str>) -> bool {
    staff.has(Role::Editor) && unit_ok(staff, owner_unit, Some(PublicationState::Draft))
}

fn unit_ok<R: MinRole>(staff: &Staff<R>, owner_unit: Option<&str>, state: Option<PublicationState>) -> bool {
    match (staff.caller().bound_unit(), state) {
        (Some(unit), Some(_)) => owner_unit.is_none_or(|owner| owner == unit),
        _ => true,
    }
}

/// The form of a step's or a comment's button.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    csrf: String,
    version: Option<i32>,
    comment: String,
}

/// What became of a step or a comment: done (the record's page), or refused, with the person's comment kept.
pub enum Outcome {
    Done(HttpResponse),
    Refused(StepRefusal),
}

/// A refused step or comment: the record, the step (`comment` for a note), what was typed and why it was refused.
pub struct StepRefusal {
    pub id: Uuid,
    pub step: String,
    pub comment: String,
    pub error: Error,
}

impl StepRefusal {
    /// The status and the errors to show on the record's page: the comment's beside its input, the rest above.
    pub fn errors(self, tr: Tr) -> Result<(StatusCode, Errors, String, String), PageError> {
        let input = format!("{}-comment", self.step);
        let Refusal { status, errors, .. } = Refusal::of(tr, self.error, |_| input.clone())?;
        Ok((status, errors, self.comment, self.step))
    }
}

/// Runs the step named `step` (or `comment`: adds the form's comment) on the record `id` of `collection`, over
/// the version the page showed.
pub async fn run(
    staff: &Staff<Editor>,
    db: &Database,
    body: &[u8],
    collection: Collection,
    (id, step): (String, String),
) -> Result<Outcome, PageError> {
    let lang = staff.tr.lang;
    let form: StepForm = forms::read(body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(lang))?;
    let caller = staff.caller();
    let outcome = if step == "comment" {
        match collection {
            Collection::Activities => activities::add_comment(db, caller, id, &form.comment).await.map(drop),
            Collection::Partners => partners::add_comment(db, caller, id, &form.comment).await.map(drop),
            Collection::Grants => grants::add_comment(db, caller, id, &form.comment).await.map(drop),
            Collection::Agreements => agreements::add_comment(db, caller, id, &form.comment).await.map(drop),
        }
    } else {
        let transition = Transition::parse(&step).ok_or_else(|| PageError::not_found(lang))?;
        let if_match = IfMatch::version(form.version.unwrap_or_default());
        let comment = Some(form.comment.as_str()).filter(|_| transition.needs_comment());
        match collection {
            Collection::Activities => {
                activities::transition(db, caller, id, &if_match, transition, comment).await.map(drop)
            }
            Collection::Partners => {
                partners::transition(db, caller, id, &if_match, transition, comment).await.map(drop)
            }
            Collection::Grants => grants::transition(db, caller, id, &if_match, transition, comment).await.map(drop),
            Collection::Agreements => {
                agreements::transition(db, caller, id, &if_match, transition, comment).await.map(drop)
            }
        }
    };
    Ok(match outcome {
        Ok(()) => Outcome::Done(see_other(&format!("{BASE}/{}/{id}?done={step}", collection.name()))),
        Err(error) => Outcome::Refused(StepRefusal { id, step, comment: form.comment, error }),
    })
}
