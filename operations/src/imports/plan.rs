//! Planning the import of an earlier report: which dated events it holds, under which measures, what each becomes
//! (a new draft, one imported before, one without a measure, one not valid) and what is flagged. Shared by
//! `intercoop import-report` and `POST /api/v1/imports`.

use std::collections::HashMap;

use chrono::NaiveDate;
use intercoop_domain::import::{ProposedActivity, ReadReport, draft, find_place, read_report_text, recognise_partners};
use intercoop_domain::report::{Letterhead, PartnerNames};
use intercoop_domain::{
    ActivityDraft, ActivityKind, DatePrecision, DateRange, FieldErrors, LocalizedText, PartnerDraft, PartnerKind, Place,
};
use intercoop_persistence::{Database, RepoError, imports, programmes};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::corrections::{Correction, check_indexes};
use crate::error::Error;
use crate::gate::Gate;

/// What becomes of one proposed activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// A new draft.
    New,
    /// Imported before (an activity with the same start date and paragraph exists): left alone.
    Existing,
    /// The programme has no measure with its code.
    NoMeasure,
    /// The draft would not be valid (see `problem`).
    Invalid,
    /// Left out by the person reviewing the proposal.
    Skipped,
}

/// Something to look at in a proposed activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportFlag {
    /// A date not in the report's year (imported as written).
    OutsideYear,
    /// A date written without its year, taken as the report's.
    YearImplied,
    /// Another activity starts the same day under the same measure: perhaps the same event, entered by hand.
    PossibleDuplicate,
}

impl ImportFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFlag::OutsideYear => "outside_year",
            ImportFlag::YearImplied => "year_implied",
            ImportFlag::PossibleDuplicate => "possible_duplicate",
        }
    }
}

/// The council's own city, which the reports name in many forms ("у м. Хмельницькому").
#[derive(Debug, Clone)]
pub struct Home {
    pub city: String,
    pub country: String,
}

impl Home {
    /// The city of the letterhead's address ("..., м. Хмельницький, 29000"), in Ukraine.
    pub fn of(letterhead: &Letterhead) -> Self {
        let city = find_place(&letterhead.address.uk, &[], "", "").map(|p| p.city).unwrap_or_default();
        Self { city, country: "UA".to_owned() }
    }
}

/// A city abroad that the report names and no partner is: proposed as a draft partner.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedPartner {
    /// Its Ukrainian name as the report writes it.
    #[schema(example = "Сілістра")]
    pub name: String,
    /// ISO 3166-1 alpha-2, from the country the report names with it.
    #[schema(example = "BG")]
    pub country: String,
    /// How many proposed activities name it.
    pub activities: usize,
    #[serde(skip)]
    pub draft: PartnerDraft,
}

/// One dated event of the report, as the draft activity it would become.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedActivity {
    pub fate: Fate,
    /// The code of the measure whose row it stands in.
    #[schema(example = "1.2")]
    pub measure_code: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Further periods ("16 та 23 липня").
    pub additional_dates: Vec<DateRange>,
    pub date_precision: DatePrecision,
    /// The paragraph's first sentence, without its date.
    pub title: String,
    /// Guessed from its words.
    pub kind: ActivityKind,
    /// The Ukrainian names of the partners recognised in the paragraph.
    pub partners: Vec<String>,
    /// The city it names, with its country when the report or a partner tells it.
    pub place: Option<Place>,
    /// The name of the new partner (see `new_partners`) it would be linked to.
    pub new_partner: Option<String>,
    pub flags: Vec<ImportFlag>,
    /// Why the draft would not be valid (fate `invalid`).
    pub problem: Option<String>,
    /// The paragraph as the report has it; it becomes the activity's description.
    pub source: String,
    /// Whether a person's correction changed what was read.
    pub corrected: bool,
    #[serde(skip)]
    pub draft: Option<ActivityDraft>,
}

/// What importing a report would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct Plan {
    pub year: i32,
    pub programme_id: Uuid,
    /// The measure codes the report has rows for, in its order.
    pub measures: Vec<String>,
    pub activities: Vec<PlannedActivity>,
    /// Cities abroad that the report names with their country and no partner is: applying creates them as draft
    /// partners (kind `partner_city`), linked to the activities that name them.
    pub new_partners: Vec<ProposedPartner>,
}

impl Plan {
    /// How many of its activities have `fate`.
    pub fn count(&self, fate: Fate) -> usize {
        self.activities.iter().filter(|a| a.fate == fate).count()
    }

    /// How many of its activities are flagged.
    pub fn flagged(&self) -> usize {
        self.activities.iter().filter(|a| !a.flags.is_empty()).count()
    }

    /// The drafts to create: the activities whose fate is `new`, each with the index in `partners` of the new
    /// partner to link it to; and the new partners that they name.
    pub fn take_new_drafts(&mut self) -> (Vec<(ActivityDraft, Option<usize>)>, Vec<PartnerDraft>) {
        let mut partners: Vec<PartnerDraft> = Vec::new();
        let mut drafts = Vec::new();
        for activity in self.activities.iter_mut().filter(|a| a.fate == Fate::New) {
            let Some(draft) = activity.draft.take() else { continue };
            let new = activity.new_partner.as_ref().and_then(|name| {
                let proposed = self.new_partners.iter().find(|p| &p.name == name)?;
                match partners.iter().position(|p| p.name.uk == proposed.draft.name.uk) {
                    Some(i) => Some(i),
                    None => {
                        partners.push(proposed.draft.clone());
                        Some(partners.len() - 1)
                    }
                }
            });
            drafts.push((draft, new));
        }
        (drafts, partners)
    }
}

/// Why a report cannot be planned.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("no programme runs in {0}; create it first or name one")]
    NoProgramme(i32),
    #[error("several programmes run in {0}; name one")]
    SeveralProgrammes(i32),
    #[error("no programme has the id {0}")]
    UnknownProgramme(Uuid),
    #[error(transparent)]
    Repo(#[from] RepoError),
}

impl PlanError {
    /// As field errors of a request naming `year_field` and `programme_field`.
    pub fn into_field_errors(self, year_field: &str, programme_field: &str) -> Result<FieldErrors, Error> {
        let message = self.to_string();
        match self {
            PlanError::NoProgramme(_) | PlanError::SeveralProgrammes(_) => {
                Ok(FieldErrors::single(year_field, "no_programme", message))
            }
            PlanError::UnknownProgramme(_) => Ok(FieldErrors::single(programme_field, "unknown_reference", message)),
            PlanError::Repo(e) => Err(e.into()),
        }
    }
}

/// The programme a report of `year` is imported into: the one given, or the only one running that year (the
/// report's rule, [`crate::reports::programme_of`]).
pub async fn programme_of(db: &Database, year: i32, given: Option<Uuid>) -> Result<Uuid, PlanError> {
    use crate::reports::NoProgramme;
    crate::reports::programme_of(db, year, given).await.map_err(|e| match e {
        NoProgramme::None(year) => PlanError::NoProgramme(year),
        NoProgramme::Several(year) => PlanError::SeveralProgrammes(year),
        NoProgramme::Unknown(id) => PlanError::UnknownProgramme(id),
        NoProgramme::Repo(e) => PlanError::Repo(e),
    })
}

/// The most dated events one year's report may hold; a report with more is refused (422 `too_many_events`).
pub const MAX_EVENTS: usize = 2_000;

/// Reading reports runs on blocking threads, one per core at once, as many again waiting (see [`Gate`]).
static READING: std::sync::LazyLock<Gate> = std::sync::LazyLock::new(|| Gate::per_core("reports being read", 1));

/// Uploads being received at once (two per core, none waiting): each holds its file in memory, so their number
/// bounds what uploads take in all.
pub static UPLOADS: std::sync::LazyLock<Gate> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Gate::new("reports being uploaded", cores * 2, cores * 2)
});

/// The text of an uploaded report (see [`report_text`]), read on a blocking thread in its turn.
pub async fn read_upload(bytes: Vec<u8>) -> Result<Result<String, String>, Error> {
    READING.run(move || report_text(bytes)).await
}

/// What importing `text` as the report of `year` into the programme would do, against the database as it is.
/// The text is read on a blocking thread in its turn, and a report of more than [`MAX_EVENTS`] dated events is
/// refused.
pub async fn plan(db: &Database, text: &str, year: i32, programme_id: Uuid, home: &Home) -> Result<Plan, Error> {
    plan_corrected(db, text, year, programme_id, home, &[]).await
}

/// As [`plan`], with a person's corrections applied (422 when one names no event of the report, or one twice).
pub async fn plan_corrected(
    db: &Database,
    text: &str,
    year: i32,
    programme_id: Uuid,
    home: &Home,
    corrections: &[Correction],
) -> Result<Plan, Error> {
    let structure = programmes::structure(db, programme_id).await?;
    let codes: HashMap<String, Uuid> = structure
        .sections
        .iter()
        .flat_map(|(_, measures)| measures.iter().map(|m| (m.data.code.to_string(), m.meta.id)))
        .collect();
    let text = text.to_owned();
    let read = READING.run(move || read_report_text(&text, year)).await?;
    if read.activities.len() > MAX_EVENTS {
        return Err(Error::validation(FieldErrors::single(
            "file",
            "too_many_events",
            format!(
                "the report holds {} dated events; one year's report holds at most {MAX_EVENTS}: split it by year",
                read.activities.len()
            ),
        )));
    }
    check_indexes(corrections, read.activities.len())?;
    let corrections = corrections.to_vec();
    let partners = imports::partner_names(db).await?;
    let mut days: Vec<NaiveDate> = read.activities.iter().map(|a| a.dates.periods[0].start_date).collect();
    days.sort_unstable();
    days.dedup();
    let existing = imports::existing(db, &days).await?;
    let home = home.clone();
    let known = (partners, existing);
    READING.run(move || planned_all(read, (year, programme_id), &codes, &known, &home, &corrections)).await
}

fn planned_all(
    read: ReadReport,
    (year, programme_id): (i32, Uuid),
    codes: &HashMap<String, Uuid>,
    (partners, existing): &(Vec<PartnerNames>, imports::Existing),
    home: &Home,
    corrections: &[Correction],
) -> Plan {
    let names: HashMap<Uuid, String> = partners.iter().map(|p| (p.id, p.name.uk.clone())).collect();
    let activities: Vec<PlannedActivity> = read
        .activities
        .iter()
        .enumerate()
        .map(|(i, proposed)| {
            let correction = corrections.iter().find(|c| c.index == i);
            planned(proposed, correction, codes, (partners, &names), existing, home)
        })
        .collect();
    let mut new_partners: Vec<ProposedPartner> = Vec::new();
    for activity in activities.iter().filter(|a| a.fate == Fate::New) {
        let Some(name) = &activity.new_partner else { continue };
        match new_partners.iter_mut().find(|p| &p.name == name) {
            Some(p) => p.activities += 1,
            None => {
                let country = activity.place.as_ref().and_then(|p| p.country).expect("a new partner has a country");
                new_partners.push(ProposedPartner {
                    name: name.clone(),
                    country: country.as_str().to_owned(),
                    activities: 1,
                    draft: PartnerDraft {
                        name: LocalizedText::uk(name.clone()),
                        aliases: Vec::new(),
                        kind: PartnerKind::PartnerCity,
                        country: Some(country),
                        city: Some(LocalizedText::uk(name.clone())),
                        website: None,
                        parent_id: None,
                        partner_since: None,
                        coordinates: None,
                        owner_unit: None,
                    },
                });
            }
        }
    }
    let measures = read.measures.into_iter().map(|m| m.code).collect();
    Plan { year, programme_id, measures, activities, new_partners }
}

fn planned(
    proposed: &ProposedActivity,
    correction: Option<&Correction>,
    codes: &HashMap<String, Uuid>,
    (partners, names): (&[PartnerNames], &HashMap<Uuid, String>),
    existing: &imports::Existing,
    home: &Home,
) -> PlannedActivity {
    let partner_ids = recognise_partners(&proposed.source, partners);
    let measure_code = correction.and_then(|c| c.measure_code.clone()).unwrap_or_else(|| proposed.measure_code.clone());
    let measure_ids: Vec<Uuid> = codes.get(measure_code.trim()).copied().into_iter().collect();
    let mut draft = draft(proposed, measure_ids.clone(), &partner_ids);
    if let Some(correction) = correction {
        correction.apply_to(&mut draft);
    }
    let found = find_place(&proposed.source, partners, &home.city, &home.country);
    let new_partner = found
        .as_ref()
        .filter(|p| !p.home && p.partner.is_none() && p.country.is_some_and(|c| c.as_str() != home.country))
        .map(|p| p.city.clone());
    draft.place = found.map(|p| Place { city: Some(LocalizedText::uk(p.city)), country: p.country });
    let mut flags = Vec::new();
    if proposed.dates.outside_year {
        flags.push(ImportFlag::OutsideYear);
    }
    if proposed.dates.year_implied {
        flags.push(ImportFlag::YearImplied);
    }
    let imported = existing.imported.contains(&(draft.start_date, proposed.source.clone()));
    if !imported && measure_ids.iter().any(|m| existing.same_day.contains(&(draft.start_date, *m))) {
        flags.push(ImportFlag::PossibleDuplicate);
    }
    let problem = draft.check().err().map(|errors| {
        errors.errors().iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
    });
    let fate = if imported {
        Fate::Existing
    } else if correction.is_some_and(|c| c.skip) {
        Fate::Skipped
    } else if measure_ids.is_empty() {
        Fate::NoMeasure
    } else if problem.is_some() {
        Fate::Invalid
    } else {
        Fate::New
    };
    PlannedActivity {
        fate,
        measure_code,
        start_date: draft.start_date,
        end_date: draft.end_date,
        additional_dates: draft.additional_dates.clone(),
        date_precision: draft.date_precision,
        title: draft.title.uk.clone(),
        kind: draft.kind,
        partners: partner_ids.iter().filter_map(|id| names.get(id).cloned()).collect(),
        place: draft.place.clone(),
        new_partner,
        flags,
        problem,
        source: proposed.source.clone(),
        corrected: correction.is_some(),
        draft: Some(draft),
    }
}

/// The text of an uploaded report: a Word document's table as the reader takes it, or UTF-8 text.
pub fn report_text(bytes: Vec<u8>) -> Result<String, String> {
    let text = if bytes.starts_with(b"PK") {
        super::docx_text::docx_text(&bytes).map_err(|e| e.to_string())?
    } else {
        String::from_utf8(bytes)
            .map_err(|_| "the report is neither a Word document (.docx) nor UTF-8 text".to_owned())?
    };
    // Text with NUL characters is not a report (UTF-16 text, say), and PostgreSQL text cannot hold them.
    if text.contains('\0') {
        return Err("the report holds NUL characters: save it as a Word document (.docx) or UTF-8 text".to_owned());
    }
    Ok(text)
}
