//! The report: the year, the data-quality checks with a link to each record to fix, the preview as the
//! department files it, and the downloads in every format.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::report::{self, Letterhead};
use intercoop_operations::{Database, reports};
use serde::Deserialize;

use crate::i18n::Lang;
use crate::page::{PageError, Shell, render};
use crate::session::Staff;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/report", web::get().to(show))
        .route("/report/{year}/preview", web::get().to(preview))
        .route("/report/{year}/download/{file}", web::get().to(download));
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    year: Option<String>,
}

/// A finding of the checks, with where to fix it.
struct FindingRow {
    severity: String,
    severity_code: String,
    message: String,
    link: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    shell: Shell,
    year: i32,
    years: Vec<i32>,
    /// Why there is no report for the year, when there is none.
    problem: Option<String>,
    findings: Vec<FindingRow>,
    findings_label: String,
}

fn link_of(finding: &report::Finding) -> String {
    let base = crate::BASE;
    match finding.record_type {
        "activity" => format!("{base}/activities/{}", finding.record_id),
        "measure" => format!("{base}/activities?measure={}", finding.record_id),
        _ => format!("{base}/activities?partner={}", finding.record_id),
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let year = match query.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        Some(text) => {
            text.parse::<i32>().map_err(|_| PageError::bad_form(tr.lang, tr.with("filter-bad-year", "value", text)))?
        }
        None => super::start::report_year(&db, &staff).await?,
    };
    let programmes = intercoop_operations::records::programmes::list(
        &db,
        None,
        None,
        intercoop_operations::PageRequest { limit: 20, offset: 0 },
    )
    .await
    .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let mut years: Vec<i32> = programmes.items.iter().flat_map(|p| p.data.first_year..=p.data.last_year).collect();
    years.sort_unstable();
    years.dedup();
    let (findings, problem) = match reports::programme_of(&db, year, None).await {
        Ok(programme) => {
            let found = reports::checks(&db, staff.caller(), programme, year)
                .await
                .map_err(|e| PageError::from_operation(tr.lang, e))?;
            let rows = found
                .iter()
                .map(|f| FindingRow {
                    severity: tr.term("severity", f.severity),
                    severity_code: f.severity.to_owned(),
                    message: match tr.lang {
                        crate::Lang::En => f.message_en.clone(),
                        crate::Lang::Uk => f.message.clone(),
                    },
                    link: link_of(f),
                })
                .collect();
            (rows, None)
        }
        Err(e) => (Vec::new(), Some(PageError::from_operation(tr.lang, e.into()).to_string())),
    };
    let page = ReportPage {
        shell: Shell::new(&req, &staff, "report", tr.with("report-title", "year", &year.to_string())),
        year,
        years,
        problem,
        findings_label: tr.n("count-findings", findings.len() as i64),
        findings,
    };
    render(&page)
}

/// The report's data for `year`: published activities only, or with drafts (`drafts=1`) for a preview.
async fn report_of(
    staff: &Staff,
    db: &Database,
    year: i32,
    drafts: bool,
    lang: Lang,
) -> Result<(report::Report, intercoop_domain::report::Summary), PageError> {
    let failed = |e| PageError::from_operation(staff.tr.lang, e);
    let programme = reports::programme_of(db, year, None).await.map_err(|e| failed(e.into()))?;
    let data = reports::data(db, staff.caller(), programme, year, drafts).await.map_err(failed)?;
    let built = report::build(&data, year, lang.report(), drafts);
    let grants = reports::grants_of_year(db, &data, year, drafts).await.map_err(failed)?;
    Ok((built, report::summary(&data, year, &grants)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentQuery {
    drafts: Option<String>,
    lang: Option<String>,
}

impl DocumentQuery {
    fn drafts(&self) -> bool {
        self.drafts.as_deref().is_some_and(|d| !d.is_empty() && d != "0")
    }

    fn lang(&self, reader: Lang) -> Lang {
        self.lang.as_deref().and_then(Lang::parse).unwrap_or(reader)
    }
}

/// The report as the department files it, as a printable page of its own (its styles are inline; no script).
pub async fn preview(
    staff: Staff,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    year: web::Path<i32>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, PageError> {
    let lang = query.lang(staff.tr.lang);
    let (built, summary) = report_of(&staff, &db, *year, query.drafts(), lang).await?;
    let html = intercoop_documents::html::render(&built, &summary, &letterhead, lang.report());
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ))
        .body(html))
}

/// The report as a file to keep: `report-2024.docx`, `.html`, `.md` or `.csv`.
pub async fn download(
    staff: Staff,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    path: web::Path<(i32, String)>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, PageError> {
    let (year, file) = path.into_inner();
    let lang = query.lang(staff.tr.lang);
    let (built, summary) = report_of(&staff, &db, year, query.drafts(), lang).await?;
    let (body, content_type): (Vec<u8>, &str) = match file.as_str() {
        "docx" => (
            intercoop_documents::docx::render(&built, &letterhead, lang.report())
                .map_err(|e| PageError::internal(staff.tr.lang, e))?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "html" => (
            intercoop_documents::html::render(&built, &summary, &letterhead, lang.report()).into_bytes(),
            "text/html; charset=utf-8",
        ),
        "md" => (
            intercoop_documents::markdown::render(&built, &letterhead, lang.report()).into_bytes(),
            "text/markdown; charset=utf-8",
        ),
        "csv" => (intercoop_documents::csv::render(&built).into_bytes(), "text/csv; charset=utf-8"),
        _ => return Err(PageError::not_found(staff.tr.lang)),
    };
    let name = format!("report-{year}-{}.{file}", lang.code());
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        ))
        .body(body))
}
