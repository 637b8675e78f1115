//! The start page: what waits for the person (their unit's drafts, what waits for review), what was published
//! lately, and the findings of the data-quality checks for the report year.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::PublicationState;
use intercoop_operations::records::activities::{self, ActivityFilter, ActivitySort};
use intercoop_operations::{Database, PageRequest, Sort, reports};

use super::activities::row::Row;
use crate::page::{PageError, Shell, render};
use crate::session::Staff;

#[derive(Template)]
#[template(path = "start.html")]
struct StartPage {
    shell: Shell,
    drafts_total: u64,
    drafts: Vec<Row>,
    submitted_total: u64,
    submitted: Vec<Row>,
    /// The partners, grants and agreements waiting for review.
    others: Vec<super::waiting::Waiting>,
    published_total: u64,
    published: Vec<Row>,
    year: i32,
    findings: Option<usize>,
}

/// The year whose report is being prepared: the year of the latest activity on record, else last year.
pub async fn report_year(db: &Database, staff: &Staff) -> Result<i32, PageError> {
    let latest = activities::list(
        db,
        staff.caller(),
        &ActivityFilter::default(),
        Sort { column: ActivitySort::StartDate, descending: true },
        PageRequest { limit: 1, offset: 0 },
    )
    .await
    .map_err(|e| PageError::from_operation(staff.tr.lang, e))?;
    Ok(latest
        .items
        .first()
        .map(|a| chrono::Datelike::year(&a.record.data.start_date))
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()) - 1))
}

pub async fn show(req: HttpRequest, staff: Staff, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let recent = |state| ActivityFilter {
        publication: Some(state),
        owner_unit: staff.caller().bound_unit().map(str::to_owned),
        ..ActivityFilter::default()
    };
    let newest = Sort { column: ActivitySort::UpdatedAt, descending: true };
    let five = PageRequest { limit: 5, offset: 0 };
    let drafts =
        activities::list(&db, staff.caller(), &recent(PublicationState::Draft), newest, five).await.map_err(failed)?;
    let submitted = activities::list(&db, staff.caller(), &recent(PublicationState::Submitted), newest, five)
        .await
        .map_err(failed)?;
    let (others_total, others) = super::waiting::others(&db, &staff).await.map_err(failed)?;
    let published = activities::list(&db, staff.caller(), &recent(PublicationState::Published), newest, five)
        .await
        .map_err(failed)?;
    let year = report_year(&db, &staff).await?;
    let findings = match reports::programme_of(&db, year, None).await {
        Ok(programme) => Some(reports::checks(&db, staff.caller(), programme, year).await.map_err(failed)?.len()),
        Err(_) => None,
    };
    let page = StartPage {
        shell: Shell::new(&req, &staff, "start", tr.t("start-title")),
        drafts_total: drafts.total,
        drafts: drafts.items.iter().map(|a| Row::of(a, tr)).collect(),
        submitted_total: submitted.total + others_total,
        others,
        submitted: submitted.items.iter().map(|a| Row::of(a, tr)).collect(),
        published_total: published.total,
        published: published.items.iter().map(|a| Row::of(a, tr)).collect(),
        year,
        findings,
    };
    render(&page)
}
