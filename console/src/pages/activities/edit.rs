//! Recording an activity and changing it. The form carries the version it was opened at: a save over someone
//! else's change is refused, and the page then shows what is stored beside what the person typed (kept), and
//! asks. Errors are shown beside their fields, from the same checks as the API.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::ActivityDraft;
use intercoop_domain::roles::Editor;
use intercoop_operations::records::activities::{self, ActivityView};
use intercoop_operations::records::partners;
use intercoop_operations::{Database, Error, IfMatch};
use uuid::Uuid;

use super::choices::{self, Choices};
use super::row::dates;
use crate::BASE;
use crate::forms::activity::{ActivityForm, input_of, new_partner_input_of};
use crate::forms::{self, Errors, Refusal};
use crate::i18n::Tr;
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::review::{self, WorkflowPanel};
use crate::pages::workflow::{Collection, StepRefusal, editable};
use crate::session::Staff;

/// What is stored now, shown beside the person's text when their save came after someone else's.
pub struct Stored {
    pub version: i32,
    pub title: String,
    pub dates: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "activities/form.html")]
struct FormPage {
    shell: Shell,
    collection: &'static str,
    id: Option<String>,
    form: ActivityForm,
    errors: Errors,
    choices: Choices,
    state: Option<String>,
    state_code: String,
    /// Whether the person may change the record (role, unit, state).
    editable: bool,
    /// The review: steps the person may take, comments, changes since the last publication.
    workflow: WorkflowPanel,
    stored: Option<Stored>,
}

async fn page<R: intercoop_domain::roles::MinRole>(
    req: &HttpRequest,
    staff: &Staff<R>,
    db: &Database,
    view: Option<&ActivityView>,
    form: ActivityForm,
    errors: Errors,
) -> Result<FormPage, PageError> {
    let tr = staff.tr;
    let choices =
        choices::load(db, staff.caller(), tr, &form).await.map_err(|e| PageError::from_operation(tr.lang, e))?;
    let state = view.map(|v| v.record.meta.publication.unwrap_or_default());
    let editable = editable(staff, view.and_then(|v| v.record.data.owner_unit.as_deref()), state);
    let workflow = match view {
        Some(v) => {
            let owner = v.record.data.owner_unit.as_deref();
            review::panel(db, staff, Collection::Activities, v.record.meta.id, (owner, state)).await?
        }
        None => WorkflowPanel::default(),
    };
    let title = match view {
        Some(v) => tr.pick(&v.record.data.title).to_owned(),
        None => tr.t("activity-new"),
    };
    Ok(FormPage {
        shell: Shell::new(req, staff, "activities", title),
        collection: "activities",
        id: view.map(|v| v.record.meta.id.to_string()),
        form,
        errors,
        choices,
        state: state.map(|s| tr.term("state", s.as_str())),
        state_code: state.map(|s| s.as_str()).unwrap_or_default().to_owned(),
        editable,
        workflow,
        stored: None,
    })
}

/// A form for a new activity.
pub async fn new(req: HttpRequest, staff: Staff<Editor>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let form = ActivityForm::new_for(staff.caller().unit.as_deref());
    render(&page(&req, &staff, &db, None, form, Errors::default()).await?)
}

async fn stored(
    db: &Database,
    staff: &Staff<impl intercoop_domain::roles::MinRole>,
    id: &str,
) -> Result<ActivityView, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    activities::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

/// An activity's page: its form (read-only where the person may not change it) and its workflow steps.
pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let view = stored(&db, &staff, &id).await?;
    let form = ActivityForm::of(&view.record.data, Some(view.record.meta.version));
    render(&page(&req, &staff, &db, Some(&view), form, Errors::default()).await?)
}

/// Records a new activity.
pub async fn create(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let mut form: ActivityForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let saved = match prepared(&db, &staff, &mut form).await {
        Ok(draft) => activities::create(&db, staff.caller(), draft).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(view) => Ok(see_other(&format!("{BASE}/activities/{}?done=saved", view.record.meta.id))),
        Err(e) => refused(&req, &staff, &db, None, form, e).await,
    }
}

/// Saves the form over the version it was opened at.
pub async fn save(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let mut form: ActivityForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let view = stored(&db, &staff, &id).await?;
    let id = view.record.meta.id;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    let saved = match prepared(&db, &staff, &mut form).await {
        Ok(draft) => activities::replace(&db, staff.caller(), id, &if_match, draft).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(see_other(&format!("{BASE}/activities/{id}?done=saved"))),
        Err(e) => refused(&req, &staff, &db, Some(&view), form, e).await,
    }
}

/// The activity the form describes. A new partner it names is created first (a draft of the unit, through the
/// partners' own operation), once the activity itself passes its checks, and then linked with its role.
async fn prepared(db: &Database, staff: &Staff<Editor>, form: &mut ActivityForm) -> Result<ActivityDraft, Error> {
    let draft = form.draft().map_err(Error::validation)?;
    if !form.has_new_partner() {
        return Ok(draft);
    }
    draft.check()?;
    let at_inputs = |mut e: Error| {
        for error in &mut e.errors {
            error.field = new_partner_input_of(&error.field);
        }
        e
    };
    let partner = form.new_partner().map_err(|e| at_inputs(Error::validation(e)))?;
    let created = partners::create(db, staff.caller(), partner).await.map_err(at_inputs)?;
    form.link_new_partner(created.meta.id);
    form.draft().map_err(Error::validation)
}

/// The form again, as typed, with what was wrong: beside each field, or above the form.
async fn refused(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    db: &Database,
    view: Option<&ActivityView>,
    mut form: ActivityForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let Refusal { status, errors, clashed } = Refusal::of(tr, e, input_of)?;
    let mut stored = None;
    if clashed && let Some(view) = view {
        stored = Some(of_view(view, tr));
        form.version = Some(view.record.meta.version);
    }
    let mut page = page(req, staff, db, view, form, errors).await?;
    page.stored = stored;
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

fn of_view(view: &ActivityView, tr: Tr) -> Stored {
    let data = &view.record.data;
    Stored {
        version: view.record.meta.version,
        title: tr.pick(&data.title).to_owned(),
        dates: dates(data, tr),
        description: data.description.as_ref().map(|d| tr.pick(d).to_owned()).unwrap_or_default(),
    }
}

/// The activity's page again after a refused step or comment: the comment as typed, what was wrong beside it or
/// above the form.
pub async fn refused_step(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    db: &Database,
    refusal: StepRefusal,
) -> Result<HttpResponse, PageError> {
    let id = refusal.id;
    let (status, errors, comment, step) = refusal.errors(staff.tr)?;
    let view =
        activities::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(staff.tr.lang, e))?;
    let form = ActivityForm::of(&view.record.data, Some(view.record.meta.version));
    let mut page = page(req, staff, db, Some(&view), form, errors).await?;
    (page.workflow.comment, page.workflow.comment_at) = (comment, step);
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}
