//! `intercoop import-report`: an earlier report read into draft activities, shown first (`--dry-run`), then
//! created in one transaction; importing the same report again creates nothing new.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;
use intercoop_domain::import::{ProposedActivity, draft, read_report_text, recognise_partners};
use intercoop_domain::{ActivityDraft, DatePrecision};
use intercoop_persistence::{Actor, Database, PageRequest, imports, programmes};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Output {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ImportReport {
    /// The report: a Word document (.docx) or plain text in the shape of the filed reports (a tab-separated table).
    pub file: PathBuf,
    /// The year the report is for.
    #[arg(long)]
    pub year: i32,
    /// The programme's id; may be left out when one programme runs in that year.
    #[arg(long)]
    pub programme: Option<Uuid>,
    /// Show what would be created, matched and flagged, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Output,
}

/// What becomes of one proposed activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// A new draft.
    New,
    /// Imported before: left alone.
    Existing,
    /// The programme has no measure with its code.
    NoMeasure,
    /// The draft would not be valid (see `problem`).
    Invalid,
}

#[derive(Debug, Serialize)]
pub struct PlannedActivity {
    pub fate: Fate,
    pub measure_code: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: Option<chrono::NaiveDate>,
    pub additional_dates: Vec<intercoop_domain::DateRange>,
    pub date_precision: DatePrecision,
    pub title: String,
    pub kind: intercoop_domain::ActivityKind,
    pub partners: Vec<String>,
    /// `outside_year` (a date not in the report's year), `year_implied` (no year written).
    pub flags: Vec<&'static str>,
    pub problem: Option<String>,
    pub source: String,
    #[serde(skip)]
    pub draft: Option<ActivityDraft>,
}

#[derive(Debug, Serialize)]
pub struct Plan {
    pub year: i32,
    pub programme_id: Uuid,
    /// The measure codes the report has rows for.
    pub measures: Vec<String>,
    pub activities: Vec<PlannedActivity>,
}

async fn programme_of(db: &Database, year: i32, given: Option<Uuid>) -> anyhow::Result<Uuid> {
    if let Some(id) = given {
        return Ok(id);
    }
    let running = programmes::list(db, Some(year), None, PageRequest { limit: 10, offset: 0 }).await?;
    match running.items.as_slice() {
        [one] => Ok(one.meta.id),
        [] => anyhow::bail!("no programme runs in {year}; create it first or name one with --programme"),
        _ => anyhow::bail!("several programmes run in {year}; name one with --programme"),
    }
}

/// What importing `text` as the report of `year` would do.
pub async fn plan(db: &Database, text: &str, year: i32, programme: Option<Uuid>) -> anyhow::Result<Plan> {
    let programme_id = programme_of(db, year, programme).await?;
    let structure = programmes::structure(db, programme_id).await?;
    let codes: HashMap<String, Uuid> = structure
        .sections
        .iter()
        .flat_map(|(_, measures)| measures.iter().map(|m| (m.data.code.to_string(), m.meta.id)))
        .collect();
    let read = read_report_text(text, year);
    let partners = imports::partner_names(db).await?;
    let names: HashMap<Uuid, String> = partners.iter().map(|p| (p.id, p.name.uk.clone())).collect();
    let days: Vec<chrono::NaiveDate> = read.activities.iter().map(|a| a.dates.periods[0].start_date).collect();
    let existing = imports::existing(db, &days).await?;
    let activities =
        read.activities.iter().map(|proposed| planned(proposed, &codes, &partners, &names, &existing)).collect();
    Ok(Plan { year, programme_id, measures: read.measures.into_iter().map(|m| m.code).collect(), activities })
}

fn planned(
    proposed: &ProposedActivity,
    codes: &HashMap<String, Uuid>,
    partners: &[intercoop_domain::report::PartnerNames],
    names: &HashMap<Uuid, String>,
    existing: &std::collections::HashSet<(chrono::NaiveDate, String)>,
) -> PlannedActivity {
    let partner_ids = recognise_partners(&proposed.source, partners);
    let measure_ids: Vec<Uuid> = codes.get(&proposed.measure_code).copied().into_iter().collect();
    let draft = draft(proposed, measure_ids.clone(), &partner_ids);
    let mut flags = Vec::new();
    if proposed.dates.outside_year {
        flags.push("outside_year");
    }
    if proposed.dates.year_implied {
        flags.push("year_implied");
    }
    let problem = draft.check().err().map(|errors| {
        errors.errors().iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
    });
    let fate = if measure_ids.is_empty() {
        Fate::NoMeasure
    } else if existing.contains(&(draft.start_date, proposed.source.clone())) {
        Fate::Existing
    } else if problem.is_some() {
        Fate::Invalid
    } else {
        Fate::New
    };
    PlannedActivity {
        fate,
        measure_code: proposed.measure_code.clone(),
        start_date: draft.start_date,
        end_date: draft.end_date,
        additional_dates: draft.additional_dates.clone(),
        date_precision: draft.date_precision,
        title: proposed.title.clone(),
        kind: draft.kind,
        partners: partner_ids.iter().filter_map(|id| names.get(id).cloned()).collect(),
        flags,
        problem,
        source: proposed.source.clone(),
        draft: Some(draft),
    }
}

fn table(plan: &Plan) -> String {
    let mut out = format!("{:<6} {:<11} {:<23} {:<24} {}\n", "measure", "fate", "dates", "flags", "title");
    for a in &plan.activities {
        let mut dates = a.start_date.to_string();
        if let Some(end) = a.end_date {
            dates.push_str(&format!("..{}", end.format("%m-%d")));
        }
        if !a.additional_dates.is_empty() {
            dates.push_str(&format!(" +{}", a.additional_dates.len()));
        }
        let title: String = a.title.chars().take(70).collect();
        let fate = serde_json::to_value(a.fate).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        out.push_str(&format!("{:<7} {:<11} {:<23} {:<24} {title}\n", a.measure_code, fate, dates, a.flags.join(",")));
    }
    out
}

fn summary(plan: &Plan) -> String {
    let count = |fate| plan.activities.iter().filter(|a| a.fate == fate).count();
    let flagged = plan.activities.iter().filter(|a| !a.flags.is_empty()).count();
    format!(
        "{} measure rows; {} dated events: {} new, {} imported before, {} without a measure, {} not valid; {} flagged",
        plan.measures.len(),
        plan.activities.len(),
        count(Fate::New),
        count(Fate::Existing),
        count(Fate::NoMeasure),
        count(Fate::Invalid),
        flagged
    )
}

/// A bar on standard error while drafts are written, when it is a terminal.
fn progress_bar() -> impl FnMut(usize, usize) {
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    move |done, total| {
        if terminal && total > 0 {
            let filled = done * 30 / total;
            eprint!("\r[{}{}] {done}/{total} drafts", "#".repeat(filled), " ".repeat(30 - filled));
        }
    }
}

/// Runs the command: prints the plan, and unless it is a dry run creates the new drafts in one transaction.
pub async fn run(db: &Database, args: ImportReport) -> anyhow::Result<String> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let text = match bytes.starts_with(b"PK") {
        true => crate::docx_text::docx_text(&bytes).with_context(|| format!("reading {}", args.file.display()))?,
        false => String::from_utf8(bytes).context("the report is neither a Word document nor UTF-8 text")?,
    };
    let mut plan = plan(db, &text, args.year, args.programme).await?;
    let mut out = match args.format {
        Output::Json => serde_json::to_string_pretty(&plan)?,
        Output::Table => table(&plan),
    };
    out.push('\n');
    let line = summary(&plan);
    if args.dry_run {
        eprintln!("{line}\n(dry run: nothing was changed)");
        return Ok(out);
    }
    let drafts: Vec<ActivityDraft> =
        plan.activities.iter_mut().filter(|a| a.fate == Fate::New).filter_map(|a| a.draft.take()).collect();
    let actor = Actor::system(&format!("import-report {}", args.file.display()));
    let created = imports::create_activities(db, &actor, drafts, progress_bar()).await?;
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!();
    }
    eprintln!("{line}\ncreated {} draft activities", created.len());
    Ok(out)
}
