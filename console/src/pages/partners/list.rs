//! The list of partners: search by name or alias, filters by kind and state, paging.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::{PartnerKind, PublicationState};
use intercoop_operations::records::partners::{self, PartnerFilter, PartnerSort};
use intercoop_operations::{Database, PageRequest, Sort};
use serde::Deserialize;

use crate::page::{PageError, Shell, render};
use crate::pages::activities::Choice;
use crate::session::Staff;

const PER_PAGE: u64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    kind: String,
    state: String,
    page: String,
}

pub struct PartnerRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub state: String,
    pub state_code: String,
}

#[derive(Template)]
#[template(path = "partners/list.html")]
struct ListPage {
    shell: Shell,
    query: ListQuery,
    kinds: Vec<Choice>,
    states: Vec<Choice>,
    rows: Vec<PartnerRow>,
    total_label: String,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let query = query.into_inner();
    let filter = PartnerFilter {
        q: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        kind: PartnerKind::parse(&query.kind),
        publication: PublicationState::parse(&query.state),
        ..PartnerFilter::default()
    };
    let page = u64::from(query.page.parse::<u32>().unwrap_or(1).max(1));
    let found = partners::list(
        &db,
        staff.caller(),
        &filter,
        Sort { column: PartnerSort::Name, descending: false },
        PageRequest { limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
    )
    .await
    .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let link = |page: u64| {
        let pairs = [("q", query.q.as_str()), ("kind", &query.kind), ("state", &query.state)];
        let filters = serde_html_form::to_string(pairs).unwrap_or_default();
        format!("{}/partners?{filters}&page={page}", crate::BASE)
    };
    let any = |label: String, chosen: bool| Choice { value: String::new(), label, chosen };
    let kinds = std::iter::once(any(tr.t("state-any"), query.kind.is_empty()))
        .chain(PartnerKind::ALL.iter().map(|k| Choice {
            value: k.as_str().to_owned(),
            label: tr.term("partner-kind", k.as_str()),
            chosen: query.kind == k.as_str(),
        }))
        .collect();
    let states = std::iter::once(any(tr.t("state-any"), query.state.is_empty()))
        .chain(PublicationState::ALL.iter().map(|s| Choice {
            value: s.as_str().to_owned(),
            label: tr.term("state", s.as_str()),
            chosen: query.state == s.as_str(),
        }))
        .collect();
    let rows = found
        .items
        .iter()
        .map(|p| {
            let state = p.meta.publication.unwrap_or_default();
            PartnerRow {
                id: p.meta.id.to_string(),
                name: tr.pick(&p.data.name).to_owned(),
                kind: tr.term("partner-kind", p.data.kind.as_str()),
                country: p.data.country.map(|c| c.to_string()).unwrap_or_default(),
                state: tr.term("state", state.as_str()),
                state_code: state.as_str().to_owned(),
            }
        })
        .collect();
    let list = ListPage {
        shell: Shell::new(&req, &staff, "partners", tr.t("partners-title")),
        kinds,
        states,
        rows,
        total_label: tr.n("count-partners", found.total as i64),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page * PER_PAGE < found.total).then(|| link(page + 1)),
        query,
    };
    render(&list)
}
