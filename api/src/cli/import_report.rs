//! `intercoop import-report`: an earlier report read into draft activities, shown first (`--dry-run`), then
//! created in one transaction; importing the same report again creates nothing new.

use std::path::PathBuf;

use anyhow::Context;
use intercoop_operations::imports::{self, Home, PlanError, plan, programme_of, report_text};
use intercoop_operations::{Caller, Database};
use uuid::Uuid;

pub use intercoop_operations::imports::{Fate, Plan, PlannedActivity};

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
    /// The programme's id; may be left out when one programme runs in that year, or none does (the report's own
    /// programme is then created with it).
    #[arg(long)]
    pub programme: Option<Uuid>,
    /// Show what would be created, matched and flagged, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Output,
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
        out.push_str(&format!(
            "{:<7} {:<11} {:<23} {:<24} {title}\n",
            a.measure_code,
            fate,
            dates,
            a.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(",")
        ));
    }
    out
}

fn summary(plan: &Plan) -> String {
    let count = |fate| plan.count(fate);
    let flagged = plan.flagged();
    let programme = match &plan.new_programme {
        Some(p) => format!(
            "a new programme, '{}' ({}-{}), with {} sections and {} measures; ",
            p.title,
            p.first_year,
            p.last_year,
            p.sections.len(),
            p.sections.iter().map(|s| s.measures.len()).sum::<usize>()
        ),
        None => String::new(),
    };
    programme
        + &format!(
            "{} measure rows; {} dated events: {} new, {} imported before, {} without a measure, {} not valid; {} flagged; \
         {} new partners",
            plan.measures.len(),
            plan.activities.len(),
            count(Fate::New),
            count(Fate::Existing),
            count(Fate::NoMeasure),
            count(Fate::Invalid),
            flagged,
            plan.new_partners.len()
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
pub async fn run(db: &Database, args: ImportReport, home: &Home) -> anyhow::Result<String> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let text = report_text(bytes).map_err(|e| anyhow::anyhow!("reading {}: {e}", args.file.display()))?;
    let programme = match programme_of(db, args.year, args.programme).await {
        Ok(id) => Some(id),
        Err(PlanError::NoProgramme(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let mut plan = plan(db, &text, args.year, programme, home).await?;
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
    let caller = Caller::system(&format!("import-report {}", args.file.display()));
    let created = imports::create_drafts(db, &caller, &mut plan, progress_bar()).await?;
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!();
    }
    eprintln!("{line}\ncreated {} draft activities", created.len());
    Ok(out)
}
