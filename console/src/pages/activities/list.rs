//! The list of activities: filters (year, state, unit, measure, text), sorting and paging, as plain GET
//! parameters so that a filtered list can be bookmarked and shared.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::PublicationState;
use intercoop_operations::records::activities::{self, ActivityFilter, ActivitySort};
use intercoop_operations::{Database, PageRequest, Sort};
use serde::Deserialize;
use uuid::Uuid;

use super::choices::Choice;
use super::row::Row;
use crate::page::{PageError, Shell, render};
use crate::session::Staff;

/// Rows on a page.
const PER_PAGE: u64 = 25;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    year: String,
    state: String,
    unit: String,
    measure: String,
    partner: String,
    q: String,
    sort: String,
    page: String,
}

#[derive(Template)]
#[template(path = "activities/list.html")]
struct ListPage {
    shell: Shell,
    query: ListQuery,
    states: Vec<Choice>,
    sorts: Vec<Choice>,
    rows: Vec<Row>,
    total: u64,
    page: u64,
    pages: u64,
    page_label: String,
    /// The filters as parameters, for the paging links.
    filters: String,
    problem: Option<String>,
}

impl ListPage {
    fn page_link(&self, page: &u64) -> String {
        format!("{}/activities?{}&page={page}", self.shell.base(), self.filters)
    }
}

fn sort_of(text: &str) -> Sort<ActivitySort> {
    match text {
        "title" => Sort { column: ActivitySort::Title, descending: false },
        "updated" => Sort { column: ActivitySort::UpdatedAt, descending: true },
        "start" => Sort { column: ActivitySort::StartDate, descending: false },
        _ => Sort { column: ActivitySort::StartDate, descending: true },
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let pairs = query.into_inner();
    let query: ListQuery = serde_html_form::from_str(&serde_html_form::to_string(&pairs).unwrap_or_default())
        .map_err(|e| PageError::bad_form(tr.lang, e))?;
    let mut problem = None;
    let mut filter = ActivityFilter::default();
    if !query.year.trim().is_empty() {
        match query.year.trim().parse::<i32>() {
            Ok(year) if (1900..=2200).contains(&year) => filter.year = Some(year),
            _ => problem = Some(tr.with("filter-bad-year", "value", &query.year)),
        }
    }
    filter.publication = PublicationState::parse(&query.state);
    filter.owner_unit = Some(query.unit.trim().to_owned()).filter(|u| !u.is_empty());
    filter.measure_id = Uuid::parse_str(query.measure.trim()).ok();
    filter.partner_id = Uuid::parse_str(query.partner.trim()).ok();
    filter.q = Some(query.q.trim().to_owned()).filter(|q| !q.is_empty());
    let page = u64::from(query.page.parse::<u32>().unwrap_or(1).max(1));
    let found = activities::list(
        &db,
        staff.caller(),
        &filter,
        sort_of(&query.sort),
        PageRequest { limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
    )
    .await
    .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let states =
        std::iter::once(Choice { value: String::new(), label: tr.t("state-any"), chosen: query.state.is_empty() })
            .chain(PublicationState::ALL.iter().map(|s| Choice {
                value: s.as_str().to_owned(),
                label: tr.term("state", s.as_str()),
                chosen: query.state == s.as_str(),
            }))
            .collect();
    let sorts = ["", "start", "title", "updated"]
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: tr.t(&format!("sort-{}", if s.is_empty() { "newest" } else { s })),
            chosen: query.sort == *s,
        })
        .collect();
    let filters =
        serde_html_form::to_string(pairs.iter().filter(|(k, _)| k != "page" && k != "done").collect::<Vec<_>>())
            .unwrap_or_default();
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let list = ListPage {
        shell: Shell::new(&req, &staff, "activities", tr.t("activities-title")),
        states,
        sorts,
        rows: found.items.iter().map(|a| Row::of(a, tr)).collect(),
        total: found.total,
        page,
        pages,
        page_label: tr.args("page-of", &[("page", page.to_string()), ("pages", pages.to_string())]),
        filters,
        problem,
        query,
    };
    render(&list)
}
