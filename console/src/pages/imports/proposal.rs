//! What an uploaded report would become, against the records as they are now: each dated event with its dates,
//! measure, kind, partners and flags, the new partners, and the form that corrects it (leave an event out, put
//! its measure, title, kind or dates right), previews the corrections and applies it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use intercoop_domain::report::{Span, date_phrase};
use intercoop_domain::roles::Editor;
use intercoop_domain::{ActivityKind, FieldErrors};
use intercoop_operations::imports::{Correction, Fate, ImportState, Plan, PlannedActivity, ReportImport};

use crate::forms::Errors;
use crate::i18n::Tr;
use crate::page::{PageError, Shell, render};
use crate::pages::activities::{Choice, vocabulary};
use crate::session::Staff;

pub struct EventRow {
    pub index: usize,
    /// Whether the person may correct it (it is not imported already).
    pub editable: bool,
    pub keep: bool,
    pub measure: String,
    pub dates: String,
    pub title: String,
    pub kind: String,
    pub kinds: Vec<Choice>,
    pub partners: String,
    pub fate: String,
    pub fate_code: &'static str,
    pub notes: String,
    pub error: Option<String>,
}

/// The programme applying creates, when none runs in the year: its title and years, then each section's heading
/// with its measures ("1.2 Title").
pub struct NewProgramme {
    pub heading: String,
    pub sections: Vec<(String, Vec<String>)>,
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
    new_programme: Option<NewProgramme>,
    codes: Vec<String>,
    errors: Errors,
    /// Whether the events shown are the corrected ones (a preview).
    corrected: bool,
}

fn fate_code(fate: Fate) -> &'static str {
    match fate {
        Fate::New => "new",
        Fate::Existing => "existing",
        Fate::NoMeasure => "no_measure",
        Fate::Invalid => "invalid",
        Fate::Skipped => "skipped",
    }
}

fn row(tr: Tr, year: i32, index: usize, a: &PlannedActivity) -> EventRow {
    let spans: Vec<Span> = std::iter::once(Span { start: a.start_date, end: a.end_date })
        .chain(a.additional_dates.iter().map(|r| Span { start: r.start_date, end: r.end_date }))
        .collect();
    let mut notes: Vec<String> = a.flags.iter().map(|f| tr.term("flag", f.as_str())).collect();
    notes.extend(a.problem.clone());
    notes.extend(a.new_partner.as_ref().map(|p| tr.with("import-new-partner", "name", p)));
    if a.corrected {
        notes.push(tr.t("import-corrected"));
    }
    EventRow {
        index,
        editable: a.fate != Fate::Existing,
        keep: a.fate != Fate::Skipped,
        measure: a.measure_code.clone(),
        dates: date_phrase(&spans, a.date_precision, tr.lang.report()).unwrap_or_else(|| year.to_string()),
        title: a.title.clone(),
        kind: tr.term("kind", a.kind.as_str()),
        kinds: vocabulary(tr, "kind", ActivityKind::ALL, ActivityKind::as_str, a.kind.as_str()),
        partners: a.partners.join("; "),
        fate: tr.term("fate", fate_code(a.fate)),
        fate_code: fate_code(a.fate),
        notes: notes.join("; "),
        error: None,
    }
}

/// The proposal's page: `plan` as made (with the person's corrections, when `corrected`), and what was wrong with
/// them beside their rows.
pub fn page(
    req: &HttpRequest,
    staff: &Staff<Editor>,
    import: &ReportImport,
    (plan, codes, corrected): (&Plan, Vec<String>, bool),
    (corrections, refused): (&[Correction], Option<FieldErrors>),
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let mut events: Vec<EventRow> =
        plan.activities.iter().enumerate().map(|(i, a)| row(tr, import.year, i, a)).collect();
    let mut errors = Errors::default();
    if let Some(refused) = refused {
        errors.general = Some(tr.t("form-has-errors"));
        for e in refused.errors() {
            let which = e.field.split(['[', ']']).nth(1).and_then(|n| n.parse::<usize>().ok());
            let Some(event) = which.and_then(|n| corrections.get(n)).and_then(|c| events.get_mut(c.index)) else {
                continue;
            };
            event.error = Some(e.message.clone());
            errors.fields.push((
                format!("title_{}", event.index),
                tr.with("import-row-error", "row", &(event.index + 1).to_string()),
            ));
        }
    }
    let summary = tr.args(
        "import-summary",
        &[
            ("new", plan.count(Fate::New).to_string()),
            ("existing", plan.count(Fate::Existing).to_string()),
            ("flagged", plan.flagged().to_string()),
        ],
    );
    let page = ProposalPage {
        shell: Shell::new(req, staff, "imports", tr.with("import-title", "file", &import.file_name)),
        id: import.id.to_string(),
        version: import.version,
        applied: import.state == ImportState::Applied,
        summary,
        events,
        new_partners: plan.new_partners.iter().map(|p| format!("{} ({})", p.name, p.country)).collect(),
        new_programme: plan.new_programme.as_ref().map(|p| {
            let heading = format!("{} ({}–{})", p.title, p.first_year, p.last_year);
            let sections = p
                .sections
                .iter()
                .map(|s| {
                    let measures = s.measures.iter().map(|m| format!("{} {}", m.code, m.title)).collect();
                    (format!("{}. {}", s.number, s.title), measures)
                })
                .collect();
            NewProgramme { heading, sections }
        }),
        codes,
        errors,
        corrected,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}
