//! Planning the import of an earlier report: which dated events it holds, under which measures, what each becomes
//! (a new draft, one imported before, one without a measure, one not valid) and what is flagged. Shared by
//! `intercoop import-report` and `POST /api/v1/imports`.

use std::collections::HashMap;

use chrono::NaiveDate;
use intercoop_domain::import::{ProposedActivity, ReadReport, draft, find_place, read_report_text, recognise_partners};
use intercoop_domain::report::PartnerNames;
use intercoop_domain::{ActivityDraft, FieldErrors, LocalizedText, PartnerDraft, PartnerKind, Place};
use intercoop_persistence::{Database, RepoError, imports, programmes};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::corrections::{Correction, check_indexes};
pub use super::proposal::{Fate, Home, ImportFlag, PlannedActivity, ProposedPartner};
use super::reading::{MAX_EVENTS, READING};
use super::structure::{ProposedProgramme, propose};
use crate::error::Error;

/// What importing a report would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct Plan {
    pub year: i32,
    /// The programme running in the report's year; none when there is none yet, and `new_programme` proposes it.
    pub programme_id: Option<Uuid>,
    /// The programme the report names, with the sections and measures of its table: applying creates it.
    pub new_programme: Option<ProposedProgramme>,
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

    /// The programme's structure to create first, when the report brings it.
    pub fn take_structure(&mut self) -> Option<intercoop_persistence::structure::NewStructure> {
        self.new_programme.take().map(|p| p.structure)
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

/// What importing `text` as the report of `year` into the programme would do, against the database as it is.
/// Without a programme, into the one running that year, or (when none does) into the one the report names, which
/// the plan proposes. The text is read on a blocking thread in its turn, and a report of more than [`MAX_EVENTS`]
/// dated events is refused.
pub async fn plan(
    db: &Database,
    text: &str,
    year: i32,
    programme_id: Option<Uuid>,
    home: &Home,
) -> Result<Plan, Error> {
    plan_corrected(db, text, year, programme_id, home, &[]).await
}

/// The programme a report is planned into: the one given, else the one running in its year, else none (the plan
/// proposes the report's).
async fn programme_for(db: &Database, year: i32, given: Option<Uuid>) -> Result<Option<Uuid>, Error> {
    if given.is_some() {
        return Ok(given);
    }
    match programme_of(db, year, None).await {
        Ok(id) => Ok(Some(id)),
        Err(PlanError::NoProgramme(_)) => Ok(None),
        Err(e) => Err(Error::validation(e.into_field_errors("year", "programme_id")?)),
    }
}

/// As [`plan`], with a person's corrections applied (422 when one names no event of the report, or one twice).
pub async fn plan_corrected(
    db: &Database,
    text: &str,
    year: i32,
    programme_id: Option<Uuid>,
    home: &Home,
    corrections: &[Correction],
) -> Result<Plan, Error> {
    let programme_id = programme_for(db, year, programme_id).await?;
    let text = text.to_owned();
    let read = READING.run(move || read_report_text(&text, year)).await?;
    let (codes, new_programme): (HashMap<String, Uuid>, _) = match programme_id {
        Some(id) => {
            let structure = programmes::structure(db, id).await?;
            let codes = structure
                .sections
                .iter()
                .flat_map(|(_, measures)| measures.iter().map(|m| (m.data.code.to_string(), m.meta.id)))
                .collect();
            (codes, None)
        }
        None => {
            let (proposed, codes) = propose(&read, year);
            proposed.check()?;
            if !(proposed.first_year..=proposed.last_year).contains(&year) {
                return Err(Error::validation(FieldErrors::single(
                    "year",
                    "no_programme",
                    format!(
                        "no programme runs in {year}, and the report's title names one for {}-{}: check the year",
                        proposed.first_year, proposed.last_year
                    ),
                )));
            }
            (codes, Some(proposed))
        }
    };
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
    let mut plan =
        READING.run(move || planned_all(read, (year, programme_id), &codes, &known, &home, &corrections)).await?;
    plan.new_programme = new_programme;
    Ok(plan)
}

fn planned_all(
    read: ReadReport,
    (year, programme_id): (i32, Option<Uuid>),
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
    Plan { year, programme_id, new_programme: None, measures, activities, new_partners }
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
