//! The grants: the list (search, status, state, paging) and the form, over the shared record pages.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::{FieldErrors, GrantDraft, GrantStatus, PublicationState, Stored};
use intercoop_operations::records::grants::{self, GrantFilter, GrantSort};
use intercoop_operations::{Caller, Database, IfMatch, PageRequest, Result, Sort};
use serde::Deserialize;
use uuid::Uuid;

use crate::forms::Errors;
use crate::forms::grant::{GrantForm, input_of};
use crate::i18n::Tr;
use crate::page::{PageError, Shell, render};
use crate::pages::activities::{Choice, MeasureGroup, measure_groups, partner_list, vocabulary};
use crate::pages::records::{self, Kind, RecordPage};
use crate::pages::workflow::Collection;
use crate::session::Staff;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/grants", web::get().to(list))
        .route("/grants", web::post().to(records::create::<Grants>))
        .route("/grants/new", web::get().to(records::new::<Grants>))
        .route("/grants/{id}", web::get().to(records::show::<Grants>))
        .route("/grants/{id}", web::post().to(records::save::<Grants>))
        .route("/grants/{id}/{step}", web::post().to(records::step::<Grants>));
}

pub struct Grants;

pub struct GrantChoices {
    pub donors: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub measures: Vec<MeasureGroup>,
}

records::versioned!(GrantForm);

#[derive(Template)]
#[template(path = "grants/form.html")]
struct FormTemplate {
    shell: Shell,
    collection: &'static str,
    id: Option<String>,
    form: GrantForm,
    errors: Errors,
    choices: GrantChoices,
    state: Option<String>,
    state_code: String,
    editable: bool,
    workflow: crate::pages::review::WorkflowPanel,
    stored_title: Option<String>,
}

impl Kind for Grants {
    type Draft = GrantDraft;
    type Form = GrantForm;
    type Choices = GrantChoices;
    const COLLECTION: Collection = Collection::Grants;
    const NEW: &'static str = "grant-new";

    fn title(tr: Tr, draft: &GrantDraft) -> String {
        tr.pick(&draft.project_title).to_owned()
    }
    fn owner_unit(draft: &GrantDraft) -> Option<&str> {
        draft.owner_unit.as_deref()
    }
    fn form_of(draft: &GrantDraft, version: i32) -> GrantForm {
        GrantForm::of(draft, Some(version))
    }
    fn new_form(unit: Option<&str>) -> GrantForm {
        GrantForm::new_for(unit)
    }
    fn draft(form: &GrantForm) -> std::result::Result<GrantDraft, FieldErrors> {
        form.draft()
    }
    fn input_of(field: &str) -> String {
        input_of(field)
    }
    async fn choices(db: &Database, caller: &Caller, tr: Tr, form: &GrantForm) -> Result<GrantChoices> {
        let donors = partner_list(db, caller, std::slice::from_ref(&form.donor_id)).await?;
        let none = Choice { value: String::new(), label: tr.t("choose"), chosen: form.donor_id.is_empty() };
        Ok(GrantChoices {
            donors: std::iter::once(none)
                .chain(donors.iter().map(|p| Choice {
                    value: p.meta.id.to_string(),
                    label: tr.pick(&p.data.name).to_owned(),
                    chosen: form.donor_id == p.meta.id.to_string(),
                }))
                .collect(),
            statuses: vocabulary(tr, "grant-status", GrantStatus::ALL, GrantStatus::as_str, &form.status),
            measures: measure_groups(db, tr, &form.measure_ids).await?,
        })
    }
    async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<Stored<GrantDraft>> {
        grants::get(db, caller, id).await
    }
    async fn create(db: &Database, caller: &Caller, draft: GrantDraft) -> Result<Stored<GrantDraft>> {
        grants::create(db, caller, draft).await
    }
    async fn replace(
        db: &Database,
        caller: &Caller,
        id: Uuid,
        if_match: &IfMatch,
        draft: GrantDraft,
    ) -> Result<Stored<GrantDraft>> {
        grants::replace(db, caller, id, if_match, draft).await
    }
    fn render(page: RecordPage<Self>) -> std::result::Result<HttpResponse, PageError> {
        records::render_as!(FormTemplate, page)
    }
}

const PER_PAGE: u64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    status: String,
    state: String,
    page: String,
}

pub struct GrantRow {
    pub id: String,
    pub title: String,
    pub amount: String,
    pub status: String,
    pub awarded_on: String,
    pub state: String,
    pub state_code: String,
}

#[derive(Template)]
#[template(path = "grants/list.html")]
struct ListPage {
    shell: Shell,
    query: ListQuery,
    statuses: Vec<Choice>,
    states: Vec<Choice>,
    rows: Vec<GrantRow>,
    total_label: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The grants: searched by title, filtered by status and state, the latest awarded first.
pub async fn list(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<ListQuery>,
) -> std::result::Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let query = query.into_inner();
    let filter = GrantFilter {
        q: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        status: GrantStatus::parse(&query.status),
        publication: PublicationState::parse(&query.state),
        ..GrantFilter::default()
    };
    let page = u64::from(query.page.parse::<u32>().unwrap_or(1).max(1));
    let sort = Sort { column: GrantSort::AwardedOn, descending: true };
    let found = grants::list(
        &db,
        staff.caller(),
        &filter,
        sort,
        PageRequest { limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
    )
    .await
    .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let link = |page: u64| {
        let filters =
            serde_html_form::to_string([("q", query.q.as_str()), ("status", &query.status), ("state", &query.state)]);
        format!("{}/grants?{}&page={page}", crate::BASE, filters.unwrap_or_default())
    };
    let rows = found
        .items
        .iter()
        .map(|g| {
            let state = g.meta.publication.unwrap_or_default();
            GrantRow {
                id: g.meta.id.to_string(),
                title: tr.pick(&g.data.project_title).to_owned(),
                amount: format!("{} {}", g.data.amount, g.data.currency),
                status: tr.term("grant-status", g.data.status.as_str()),
                awarded_on: g.data.awarded_on.map(|d| d.to_string()).unwrap_or_default(),
                state: tr.term("state", state.as_str()),
                state_code: state.as_str().to_owned(),
            }
        })
        .collect();
    let page = ListPage {
        shell: Shell::new(&req, &staff, "grants", tr.t("grants-title")),
        statuses: any_of(tr, "grant-status", GrantStatus::ALL.iter().map(|s| s.as_str()), &query.status),
        states: any_of(tr, "state", PublicationState::ALL.iter().map(|s| s.as_str()), &query.state),
        rows,
        total_label: tr.n("count-grants", found.total as i64),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page * PER_PAGE < found.total).then(|| link(page + 1)),
        query,
    };
    render(&page)
}

/// A filter's choices: any, then each value of a vocabulary, `chosen` picked.
pub fn any_of<'a>(tr: Tr, vocabulary: &str, values: impl Iterator<Item = &'a str>, chosen: &str) -> Vec<Choice> {
    std::iter::once(Choice { value: String::new(), label: tr.t("state-any"), chosen: chosen.is_empty() })
        .chain(values.map(|v| Choice { value: v.to_owned(), label: tr.term(vocabulary, v), chosen: chosen == v }))
        .collect()
}
