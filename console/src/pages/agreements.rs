//! The agreements: the list (search, kind, status, state, paging) and the form, over the shared record pages.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::{AgreementDraft, AgreementKind, AgreementStatus, FieldErrors, PublicationState, Stored};
use intercoop_operations::records::agreements::{self, AgreementFilter, AgreementSort};
use intercoop_operations::{Caller, Database, IfMatch, PageRequest, Result, Sort};
use serde::Deserialize;
use uuid::Uuid;

use crate::forms::Errors;
use crate::forms::agreement::{AgreementForm, input_of};
use crate::i18n::Tr;
use crate::page::{PageError, Shell, render};
use crate::pages::activities::{Choice, MeasureGroup, measure_groups, partner_list, vocabulary};
use crate::pages::grants::any_of;
use crate::pages::records::{self, Kind, RecordPage};
use crate::pages::workflow::Collection;
use crate::session::Staff;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agreements", web::get().to(list))
        .route("/agreements", web::post().to(records::create::<Agreements>))
        .route("/agreements/new", web::get().to(records::new::<Agreements>))
        .route("/agreements/{id}", web::get().to(records::show::<Agreements>))
        .route("/agreements/{id}", web::post().to(records::save::<Agreements>))
        .route("/agreements/{id}/{step}", web::post().to(records::step::<Agreements>));
}

pub struct Agreements;

pub struct AgreementChoices {
    pub kinds: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// The partners to tick as parties.
    pub partners: Vec<Choice>,
    pub measures: Vec<MeasureGroup>,
}

records::versioned!(AgreementForm);

#[derive(Template)]
#[template(path = "agreements/form.html")]
struct FormTemplate {
    shell: Shell,
    collection: &'static str,
    id: Option<String>,
    form: AgreementForm,
    errors: Errors,
    choices: AgreementChoices,
    state: Option<String>,
    state_code: String,
    editable: bool,
    workflow: crate::pages::review::WorkflowPanel,
    stored_title: Option<String>,
}

impl Kind for Agreements {
    type Draft = AgreementDraft;
    type Form = AgreementForm;
    type Choices = AgreementChoices;
    const COLLECTION: Collection = Collection::Agreements;
    const NEW: &'static str = "agreement-new";

    fn title(tr: Tr, draft: &AgreementDraft) -> String {
        tr.pick(&draft.title).to_owned()
    }
    fn owner_unit(draft: &AgreementDraft) -> Option<&str> {
        draft.owner_unit.as_deref()
    }
    fn form_of(draft: &AgreementDraft, version: i32) -> AgreementForm {
        AgreementForm::of(draft, Some(version))
    }
    fn new_form(unit: Option<&str>) -> AgreementForm {
        AgreementForm::new_for(unit)
    }
    fn draft(form: &AgreementForm) -> std::result::Result<AgreementDraft, FieldErrors> {
        form.draft()
    }
    fn input_of(field: &str) -> String {
        input_of(field)
    }
    async fn choices(db: &Database, caller: &Caller, tr: Tr, form: &AgreementForm) -> Result<AgreementChoices> {
        let partners = partner_list(db, caller, &form.party_ids).await?;
        Ok(AgreementChoices {
            kinds: vocabulary(tr, "agreement-kind", AgreementKind::ALL, AgreementKind::as_str, &form.kind),
            statuses: vocabulary(tr, "agreement-status", AgreementStatus::ALL, AgreementStatus::as_str, &form.status),
            partners: partners
                .iter()
                .map(|p| Choice {
                    value: p.meta.id.to_string(),
                    label: tr.pick(&p.data.name).to_owned(),
                    chosen: form.party_ids.contains(&p.meta.id.to_string()),
                })
                .collect(),
            measures: measure_groups(db, tr, &form.measure_ids).await?,
        })
    }
    async fn get(db: &Database, caller: &Caller, id: Uuid) -> Result<Stored<AgreementDraft>> {
        agreements::get(db, caller, id).await
    }
    async fn create(db: &Database, caller: &Caller, draft: AgreementDraft) -> Result<Stored<AgreementDraft>> {
        agreements::create(db, caller, draft).await
    }
    async fn replace(
        db: &Database,
        caller: &Caller,
        id: Uuid,
        if_match: &IfMatch,
        draft: AgreementDraft,
    ) -> Result<Stored<AgreementDraft>> {
        agreements::replace(db, caller, id, if_match, draft).await
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
    kind: String,
    status: String,
    state: String,
    page: String,
}

pub struct AgreementRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub signed_on: String,
    pub status: String,
    pub state: String,
    pub state_code: String,
}

#[derive(Template)]
#[template(path = "agreements/list.html")]
struct ListPage {
    shell: Shell,
    query: ListQuery,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    states: Vec<Choice>,
    rows: Vec<AgreementRow>,
    total_label: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The agreements: searched by title, filtered by kind, status and state, the latest signed first.
pub async fn list(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<ListQuery>,
) -> std::result::Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let query = query.into_inner();
    let filter = AgreementFilter {
        q: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        kind: AgreementKind::parse(&query.kind),
        status: AgreementStatus::parse(&query.status),
        publication: PublicationState::parse(&query.state),
        ..AgreementFilter::default()
    };
    let page = u64::from(query.page.parse::<u32>().unwrap_or(1).max(1));
    let sort = Sort { column: AgreementSort::SignedOn, descending: true };
    let window = PageRequest { limit: PER_PAGE, offset: (page - 1) * PER_PAGE };
    let found = agreements::list(&db, staff.caller(), &filter, sort, window)
        .await
        .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let link = |page: u64| {
        let pairs =
            [("q", query.q.as_str()), ("kind", &query.kind), ("status", &query.status), ("state", &query.state)];
        format!("{}/agreements?{}&page={page}", crate::BASE, serde_html_form::to_string(pairs).unwrap_or_default())
    };
    let rows = found
        .items
        .iter()
        .map(|a| {
            let state = a.meta.publication.unwrap_or_default();
            AgreementRow {
                id: a.meta.id.to_string(),
                title: tr.pick(&a.data.title).to_owned(),
                kind: tr.term("agreement-kind", a.data.kind.as_str()),
                signed_on: a.data.signed_on.map(|d| d.to_string()).unwrap_or_default(),
                status: tr.term("agreement-status", a.data.status.as_str()),
                state: tr.term("state", state.as_str()),
                state_code: state.as_str().to_owned(),
            }
        })
        .collect();
    let page = ListPage {
        shell: Shell::new(&req, &staff, "agreements", tr.t("agreements-title")),
        kinds: any_of(tr, "agreement-kind", AgreementKind::ALL.iter().map(|k| k.as_str()), &query.kind),
        statuses: any_of(tr, "agreement-status", AgreementStatus::ALL.iter().map(|s| s.as_str()), &query.status),
        states: any_of(tr, "state", PublicationState::ALL.iter().map(|s| s.as_str()), &query.state),
        rows,
        total_label: tr.n("count-agreements", found.total as i64),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page * PER_PAGE < found.total).then(|| link(page + 1)),
        query,
    };
    render(&page)
}
