//! Adding a partner and changing one, with the version rule and the errors beside their fields, as for
//! activities.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::PartnerKind;
use intercoop_domain::roles::{Editor, MinRole};
use intercoop_operations::records::partners::{self, Partner, PartnerFilter, PartnerSort};
use intercoop_operations::{Database, Error, IfMatch, PageRequest, Sort};
use uuid::Uuid;

use crate::BASE;
use crate::forms::partner::{PartnerForm, input_of};
use crate::forms::{self, Errors, Refusal};
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::activities::Choice;
use crate::pages::review::{self, WorkflowPanel};
use crate::pages::workflow::{Collection, StepRefusal, editable};
use crate::session::Staff;

#[derive(Template)]
#[template(path = "partners/form.html")]
struct FormPage {
    shell: Shell,
    collection: &'static str,
    id: Option<String>,
    form: PartnerForm,
    errors: Errors,
    kinds: Vec<Choice>,
    parents: Vec<Choice>,
    state: Option<String>,
    state_code: String,
    editable: bool,
    workflow: WorkflowPanel,
    /// What is stored now, when the person's save came after someone else's: its name.
    stored_title: Option<String>,
}

async fn page<R: MinRole>(
    req: &HttpRequest,
    staff: &Staff<R>,
    db: &Database,
    stored: Option<&Partner>,
    form: PartnerForm,
    errors: Errors,
) -> Result<FormPage, PageError> {
    let tr = staff.tr;
    let all = partners::list(
        db,
        staff.caller(),
        &PartnerFilter::default(),
        Sort { column: PartnerSort::Name, descending: false },
        PageRequest { limit: 2000, offset: 0 },
    )
    .await
    .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let me = stored.map(|p| p.meta.id);
    let mut all = all;
    if let Ok(parent) = Uuid::parse_str(&form.parent_id)
        && !all.items.iter().any(|p| p.meta.id == parent)
        && let Ok(partner) = partners::get(db, staff.caller(), parent).await
    {
        all.items.push(partner);
    }
    let parents =
        std::iter::once(Choice { value: String::new(), label: tr.t("no-parent"), chosen: form.parent_id.is_empty() })
            .chain(all.items.iter().filter(|p| Some(p.meta.id) != me).map(|p| Choice {
                value: p.meta.id.to_string(),
                label: tr.pick(&p.data.name).to_owned(),
                chosen: form.parent_id == p.meta.id.to_string(),
            }))
            .collect();
    let kinds = PartnerKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: tr.term("partner-kind", k.as_str()),
            chosen: form.kind == k.as_str(),
        })
        .collect();
    let state = stored.map(|p| p.meta.publication.unwrap_or_default());
    let title = match stored {
        Some(p) => tr.pick(&p.data.name).to_owned(),
        None => tr.t("partner-new"),
    };
    Ok(FormPage {
        shell: Shell::new(req, staff, "partners", title),
        collection: "partners",
        id: stored.map(|p| p.meta.id.to_string()),
        editable: editable(staff, stored.and_then(|p| p.data.owner_unit.as_deref()), state),
        workflow: match stored {
            Some(p) => {
                let owner = p.data.owner_unit.as_deref();
                review::panel(db, staff, Collection::Partners, p.meta.id, (owner, state)).await?
            }
            None => WorkflowPanel::default(),
        },
        state: state.map(|s| tr.term("state", s.as_str())),
        state_code: state.map(|s| s.as_str()).unwrap_or_default().to_owned(),
        form,
        errors,
        kinds,
        parents,
        stored_title: None,
    })
}

async fn stored<R: MinRole>(db: &Database, staff: &Staff<R>, id: &str) -> Result<Partner, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    partners::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

pub async fn new(req: HttpRequest, staff: Staff<Editor>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let form = PartnerForm::new_for(staff.caller().unit.as_deref());
    render(&page(&req, &staff, &db, None, form, Errors::default()).await?)
}

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let partner = stored(&db, &staff, &id).await?;
    let form = PartnerForm::of(&partner.data, Some(partner.meta.version));
    render(&page(&req, &staff, &db, Some(&partner), form, Errors::default()).await?)
}

pub async fn create(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PartnerForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let saved = match form.draft() {
        Ok(draft) => partners::create(&db, staff.caller(), draft).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(partner) => Ok(see_other(&format!("{BASE}/partners/{}?done=saved", partner.meta.id))),
        Err(e) => refused(&req, &staff, &db, None, form, e).await,
    }
}

pub async fn save(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PartnerForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let partner = stored(&db, &staff, &id).await?;
    let id = partner.meta.id;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    let saved = match form.draft() {
        Ok(draft) => partners::replace(&db, staff.caller(), id, &if_match, draft).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(_) => Ok(see_other(&format!("{BASE}/partners/{id}?done=saved"))),
        Err(e) => refused(&req, &staff, &db, Some(&partner), form, e).await,
    }
}

async fn refused(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    db: &Database,
    stored: Option<&Partner>,
    mut form: PartnerForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let Refusal { status, errors, clashed } = Refusal::of(tr, e, input_of)?;
    let mut stored_title = None;
    if clashed && let Some(partner) = stored {
        stored_title = Some(tr.pick(&partner.data.name).to_owned());
        form.version = Some(partner.meta.version);
    }
    let mut page = page(req, staff, db, stored, form, errors).await?;
    page.stored_title = stored_title;
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// The partner's page again after a refused step or comment: the comment as typed, what was wrong beside it or
/// above the form.
pub async fn refused_step(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    db: &Database,
    refusal: StepRefusal,
) -> Result<HttpResponse, PageError> {
    let id = refusal.id;
    let (status, errors, comment, step) = refusal.errors(staff.tr)?;
    let partner =
        partners::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(staff.tr.lang, e))?;
    let form = PartnerForm::of(&partner.data, Some(partner.meta.version));
    let mut page = page(req, staff, db, Some(&partner), form, errors).await?;
    (page.workflow.comment, page.workflow.comment_at) = (comment, step);
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}
