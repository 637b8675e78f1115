//! The annual report: the programme of a year, the report's data (loaded once, without what was withdrawn), the
//! year's grants, the summary and the data-quality checks. The REST report, the open-data report table and the
//! importer all ask here.

use intercoop_domain::report::{self, Finding, ReportData, Summary};
use intercoop_domain::{Money, PublicationState, Role};
use intercoop_persistence::{PageRequest, RepoError, programmes, reports};
use uuid::Uuid;

use crate::{Caller, Database, Error, ErrorCode, Result, Visibility};

/// Why no programme could be chosen for a year.
#[derive(Debug)]
pub enum NoProgramme {
    /// No programme runs in the year.
    None(i32),
    /// Several do: the caller has to name one.
    Several(i32),
    /// The programme named does not exist.
    Unknown(Uuid),
    Repo(RepoError),
}

impl std::fmt::Display for NoProgramme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoProgramme::None(year) => write!(f, "no programme runs in {year}"),
            NoProgramme::Several(year) => write!(f, "several programmes run in {year}; name one"),
            NoProgramme::Unknown(id) => write!(f, "no programme has the id {id}"),
            NoProgramme::Repo(e) => write!(f, "{e}"),
        }
    }
}

impl From<RepoError> for NoProgramme {
    fn from(e: RepoError) -> Self {
        NoProgramme::Repo(e)
    }
}

impl From<NoProgramme> for Error {
    fn from(e: NoProgramme) -> Self {
        match e {
            NoProgramme::Repo(e) => e.into(),
            NoProgramme::Several(_) => Error::new(ErrorCode::Conflict, e.to_string()),
            other => Error::not_found(other.to_string()),
        }
    }
}

/// The programme of a year's report: the one named, or else the only one running that year.
pub async fn programme_of(db: &Database, year: i32, named: Option<Uuid>) -> Result<Uuid, NoProgramme> {
    if let Some(id) = named {
        return match programmes::get(db, id, Visibility::All).await {
            Ok(_) => Ok(id),
            Err(RepoError::NotFound { .. }) => Err(NoProgramme::Unknown(id)),
            Err(e) => Err(e.into()),
        };
    }
    let running = programmes::list(db, Some(year), None, PageRequest { limit: 2, offset: 0 }).await?;
    match running.items.as_slice() {
        [one] => Ok(one.meta.id),
        [] => Err(NoProgramme::None(year)),
        _ => Err(NoProgramme::Several(year)),
    }
}

/// The report's data: published activities only, or with drafts for a preview (`drafts`, the editor role). What
/// was withdrawn is never in it. 404 when the programme does not exist or does not run in `year`.
pub async fn data(db: &Database, caller: &Caller, programme_id: Uuid, year: i32, drafts: bool) -> Result<ReportData> {
    if drafts {
        caller.require(Role::Editor, "a preview with drafts")?;
    }
    let visibility = if drafts { Visibility::All } else { Visibility::PublishedOnly };
    load(db, programme_id, year, visibility).await
}

async fn load(db: &Database, programme_id: Uuid, year: i32, visibility: Visibility) -> Result<ReportData> {
    let programme = programmes::get(db, programme_id, Visibility::All).await?;
    if !programme.data.runs_in(year) {
        return Err(Error::not_found(format!(
            "the programme runs from {} to {}; it has no report for {year}",
            programme.data.first_year, programme.data.last_year
        )));
    }
    let mut data = reports::load(db, programme, year, visibility).await?;
    data.activities.retain(|a| a.publication != PublicationState::Withdrawn);
    Ok(data)
}

/// The grants of the report's year, as the data's visibility allows.
pub async fn grants_of_year(db: &Database, data: &ReportData, year: i32, drafts: bool) -> Result<Vec<Money>> {
    let visibility = if drafts { Visibility::All } else { Visibility::PublishedOnly };
    Ok(reports::grants_of_year(db, data, year, visibility).await?)
}

/// The year's figures, from the published record.
pub async fn summary(db: &Database, programme_id: Uuid, year: i32) -> Result<Summary> {
    let data = load(db, programme_id, year, Visibility::PublishedOnly).await?;
    let grants = reports::grants_of_year(db, &data, year, Visibility::PublishedOnly).await?;
    Ok(report::summary(&data, year, &grants))
}

/// What to fix before filing the report (drafts included): warnings first. Needs the viewer role.
pub async fn checks(db: &Database, caller: &Caller, programme_id: Uuid, year: i32) -> Result<Vec<Finding>> {
    caller.require(Role::Viewer, "the report's checks")?;
    let data = load(db, programme_id, year, Visibility::All).await?;
    let (all_years, partners) = reports::load_for_checks(db, &data).await?;
    let mut findings = report::checks(&data, &all_years, &partners, year);
    findings.sort_by_key(|f| (f.severity != "warning", f.code));
    Ok(findings)
}
