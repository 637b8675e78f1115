//! The programme a council's first report brings with it: when no programme runs in the report's year, importing
//! it proposes the one its title names (its years from "на 2021-2025 роки"), the sections of its table and the
//! measures of its rows with their numbers and titles. Applying creates them with the activities.

use std::collections::HashMap;

use intercoop_domain::import::ReadReport;
use intercoop_domain::{
    FieldErrors, LocalizedText, MeasureCode, MeasureDraft, ProgrammeDraft, SectionDraft, roman_numeral,
};
use intercoop_persistence::structure::NewStructure;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::Error;

/// A measure the report's table has a row for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedMeasure {
    #[schema(example = "1.2")]
    pub code: String,
    pub title: String,
}

/// A section of the report's table, with its measures in the table's order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedSection {
    #[schema(example = "I")]
    pub number: String,
    #[schema(example = "Міжнародне співробітництво")]
    pub title: String,
    pub measures: Vec<ProposedMeasure>,
}

/// The programme applying creates, since none runs in the report's year.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedProgramme {
    /// As the report's title names it (in the nominative).
    #[schema(
        example = "Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки"
    )]
    pub title: String,
    /// The years the title gives ("на 2021-2025 роки"), else the report's own.
    #[schema(example = 2021)]
    pub first_year: i32,
    #[schema(example = 2025)]
    pub last_year: i32,
    pub sections: Vec<ProposedSection>,
    #[serde(skip)]
    pub structure: NewStructure,
}

impl ProposedProgramme {
    /// Whether the programme, its sections and measures are valid records (the report's title may name years no
    /// programme has): 422 on `file` naming what is not.
    pub fn check(&self) -> Result<(), Error> {
        let s = &self.structure;
        let mut found = Vec::new();
        let mut note = |what: String, result: Result<(), FieldErrors>| {
            if let Err(errors) = result {
                found.extend(errors.errors().iter().map(|e| format!("{what} {}: {}", e.field, e.message)));
            }
        };
        note("the programme's".into(), s.programme.check());
        for (_, section) in &s.sections {
            note(format!("section {}'s", section.number), section.check());
        }
        for (_, measure) in &s.measures {
            note(format!("measure {}'s", measure.code), measure.check());
        }
        if found.is_empty() {
            return Ok(());
        }
        let message = format!("the programme the report names is not valid: {}", found.join("; "));
        Err(Error::validation(FieldErrors::single("file", "invalid_programme", message)))
    }
}

/// The programme the report names, and the id each of its measure codes will have.
pub fn propose(read: &ReadReport, year: i32) -> (ProposedProgramme, HashMap<String, Uuid>) {
    let heading = read.programme.as_ref();
    let title = heading.map_or_else(|| format!("Програма (звіт за {year} рік)"), |h| h.title.clone());
    let (first_year, last_year) = heading.and_then(|h| h.years).unwrap_or((year, year));
    let programme_id = Uuid::now_v7();
    let mut sections: Vec<(Uuid, u16, SectionDraft)> = Vec::new();
    let mut measures: Vec<(Uuid, MeasureDraft)> = Vec::new();
    let mut codes = HashMap::new();
    for row in &read.measures {
        let Ok(code) = MeasureCode::parse(&row.code) else { continue };
        if codes.contains_key(&code.to_string()) {
            continue;
        }
        let position = code.section();
        let section_id = match sections.iter().find(|(_, p, _)| *p == position) {
            Some((id, _, _)) => *id,
            None => {
                let Some(number) = roman_numeral(position) else { continue };
                let named = read.sections.iter().find(|s| s.number == number).map(|s| s.title.clone());
                let title = named.unwrap_or_else(|| format!("Розділ {number}"));
                let id = Uuid::now_v7();
                sections.push((id, position, SectionDraft { number, title: LocalizedText::uk(title) }));
                id
            }
        };
        let title =
            if row.title.trim().is_empty() { format!("Захід {code}") } else { row.title.trim().to_owned() };
        let id = Uuid::now_v7();
        codes.insert(code.to_string(), id);
        measures.push((
            id,
            MeasureDraft {
                section_id,
                code,
                title: LocalizedText::uk(title),
                responsible_units: Vec::new(),
                funding: Vec::new(),
            },
        ));
    }
    sections.sort_by_key(|(_, position, _)| *position);
    let shown = sections
        .iter()
        .map(|(id, _, s)| ProposedSection {
            number: s.number.clone(),
            title: s.title.uk.clone(),
            measures: measures
                .iter()
                .filter(|(_, m)| m.section_id == *id)
                .map(|(_, m)| ProposedMeasure { code: m.code.to_string(), title: m.title.uk.clone() })
                .collect(),
        })
        .collect();
    let programme = ProgrammeDraft {
        title: LocalizedText::uk(title.clone()),
        first_year,
        last_year,
        decision: None,
        owner_unit: None,
    };
    let structure = NewStructure {
        programme_id,
        programme,
        sections: sections.into_iter().map(|(id, _, s)| (id, s)).collect(),
        measures,
    };
    (ProposedProgramme { title, first_year, last_year, sections: shown, structure }, codes)
}
