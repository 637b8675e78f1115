//! What an uploaded report would become, against the records as they are now: each dated event with its dates,
//! measure, kind, partners and flags, the new partners, and the button that applies it.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::report::Letterhead;
use intercoop_domain::report::{Span, date_phrase};
use intercoop_domain::roles::Editor;
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Fate, Home, ImportState, plan};
use uuid::Uuid;

use crate::page::{PageError, Shell, render};
use crate::session::Staff;

pub struct EventRow {
    pub measure: String,
    pub dates: String,
    pub title: String,
    pub kind: String,
    pub partners: String,
    pub fate: String,
    pub fate_code: &'static str,
    pub notes: String,
}

#[derive(Template)]
#[template(path = "imports/proposal.html")]
struct ProposalPage {
    shell: Shell,
    id: String,
    version: i32,
    applied: bool,
    summary: String,
    events: Vec<EventRow>,
    new_partners: Vec<String>,
}

fn fate_code(fate: Fate) -> &'static str {
    match fate {
        Fate::New => "new",
        Fate::Existing => "existing",
        Fate::NoMeasure => "no_measure",
        Fate::Invalid => "invalid",
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(tr.lang))?;
    let import = imports::get(&db, staff.caller(), id).await.map_err(failed)?;
    let plan =
        plan(&db, &import.text, import.year, import.programme_id, &Home::of(&letterhead)).await.map_err(failed)?;
    let events = plan
        .activities
        .iter()
        .map(|a| {
            let spans: Vec<Span> = std::iter::once(Span { start: a.start_date, end: a.end_date })
                .chain(a.additional_dates.iter().map(|r| Span { start: r.start_date, end: r.end_date }))
                .collect();
            let mut notes: Vec<String> = a.flags.iter().map(|f| tr.term("flag", f.as_str())).collect();
            notes.extend(a.problem.clone());
            notes.extend(a.new_partner.as_ref().map(|p| tr.with("import-new-partner", "name", p)));
            EventRow {
                measure: a.measure_code.clone(),
                dates: date_phrase(&spans, a.date_precision, tr.lang.report())
                    .unwrap_or_else(|| import.year.to_string()),
                title: a.title.clone(),
                kind: tr.term("kind", a.kind.as_str()),
                partners: a.partners.join("; "),
                fate: tr.term("fate", fate_code(a.fate)),
                fate_code: fate_code(a.fate),
                notes: notes.join("; "),
            }
        })
        .collect();
    let summary = tr.args(
        "import-summary",
        &[
            ("new", plan.count(Fate::New).to_string()),
            ("existing", plan.count(Fate::Existing).to_string()),
            ("flagged", plan.flagged().to_string()),
        ],
    );
    let page = ProposalPage {
        shell: Shell::new(&req, &staff, "imports", tr.with("import-title", "file", &import.file_name)),
        id: import.id.to_string(),
        version: import.version,
        applied: import.state == ImportState::Applied,
        summary,
        events,
        new_partners: plan.new_partners.iter().map(|p| format!("{} ({})", p.name, p.country)).collect(),
    };
    render(&page)
}
