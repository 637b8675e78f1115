//! The programme as a tree: its sections and measures in order, each measure with its activities of the chosen
//! year (drafts included, marked), so that a measure with nothing yet stands out.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_operations::records::activities::{self, ActivityFilter, ActivitySort};
use intercoop_operations::records::programmes;
use intercoop_operations::{Database, PageRequest, Sort, reports};
use serde::Deserialize;
use uuid::Uuid;

use super::activities::row::Row;
use crate::page::{PageError, Shell, render};
use crate::session::Staff;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgrammeQuery {
    year: String,
}

struct MeasureNode {
    id: String,
    code: String,
    title: String,
    activities: Vec<Row>,
    count: String,
}

struct SectionNode {
    id: String,
    title: String,
    measures: Vec<MeasureNode>,
}

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage {
    shell: Shell,
    year: i32,
    problem: Option<String>,
    programme: String,
    programme_id: String,
    sections: Vec<SectionNode>,
}

/// The most activities of a year the tree shows.
const LIMIT: u64 = 2000;

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<ProgrammeQuery>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let year = match query.year.trim() {
        "" => super::start::report_year(&db, &staff).await?,
        text => {
            text.parse::<i32>().map_err(|_| PageError::bad_form(tr.lang, tr.with("filter-bad-year", "value", text)))?
        }
    };
    let mut page = ProgrammePage {
        shell: Shell::new(&req, &staff, "programme", tr.with("programme-title", "year", &year.to_string())),
        year,
        problem: None,
        programme: String::new(),
        programme_id: String::new(),
        sections: Vec::new(),
    };
    let id = match reports::programme_of(&db, year, None).await {
        Ok(id) => id,
        Err(e) => {
            page.problem = Some(PageError::from_operation(tr.lang, e.into()).to_string());
            return render(&page);
        }
    };
    let programme = programmes::get(&db, id).await.map_err(failed)?;
    page.programme = tr.pick(&programme.data.title).to_owned();
    page.programme_id = id.to_string();
    let structure = programmes::structure(&db, id).await.map_err(failed)?;
    let filter = ActivityFilter { year: Some(year), ..ActivityFilter::default() };
    let found = activities::list(
        &db,
        staff.caller(),
        &filter,
        Sort { column: ActivitySort::StartDate, descending: false },
        PageRequest { limit: LIMIT, offset: 0 },
    )
    .await
    .map_err(failed)?;
    let mut by_measure: HashMap<Uuid, Vec<Row>> = HashMap::new();
    for view in &found.items {
        for measure in &view.measures {
            by_measure.entry(measure.id).or_default().push(Row::of(view, tr));
        }
    }
    page.sections = structure
        .sections
        .into_iter()
        .map(|(section, measures)| SectionNode {
            id: section.meta.id.to_string(),
            title: format!("{}. {}", section.data.section.number, tr.pick(&section.data.section.title)),
            measures: measures
                .into_iter()
                .map(|m| {
                    let activities = by_measure.remove(&m.meta.id).unwrap_or_default();
                    MeasureNode {
                        id: m.meta.id.to_string(),
                        code: m.data.code.to_string(),
                        title: tr.pick(&m.data.title).to_owned(),
                        count: tr.n("count-activities", activities.len() as i64),
                        activities,
                    }
                })
                .collect(),
        })
        .collect();
    render(&page)
}
