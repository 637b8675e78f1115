//! The annual implementation report, as the department files it: the programme's sections and measures in
//! order, and under each measure its activities of the year, each opening with its date phrase; "Заходи не
//! здійснювались." where a measure had none. Built here from records; written out by the API's renderers.

mod checks;
mod date_phrase;
mod summary;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

pub use checks::{Finding, PartnerNames, checks};
pub use date_phrase::{Lang, Span, date_phrase};
pub use summary::{Amount, Count, Summary, summary};

use crate::{ActivityDraft, DatePrecision, DateRange, LocalizedText, MeasureCode, ProgrammeDraft, PublicationState};

/// What a report is made from: the programme's structure and the activities of the year.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub programme_id: Uuid,
    pub programme: ProgrammeDraft,
    pub sections: Vec<SectionData>,
    pub activities: Vec<ActivityData>,
}

#[derive(Debug, Clone)]
pub struct SectionData {
    pub number: String,
    pub title: LocalizedText,
    pub measures: Vec<MeasureData>,
}

#[derive(Debug, Clone)]
pub struct MeasureData {
    pub id: Uuid,
    pub code: MeasureCode,
    pub title: LocalizedText,
}

#[derive(Debug, Clone)]
pub struct ActivityData {
    pub id: Uuid,
    pub activity: ActivityDraft,
    pub publication: PublicationState,
    /// The activity's partners, in its order.
    pub partners: Vec<PartnerInfo>,
}

/// What a report shows of a partner.
#[derive(Debug, Clone)]
pub struct PartnerInfo {
    pub id: Uuid,
    pub name: LocalizedText,
    pub kind: crate::PartnerKind,
    /// Whether the partner is published (a published activity naming one that is not is a finding).
    pub published: bool,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// The reporting year.
    pub year: i32,
    /// The report's language: `uk` or `en`.
    pub lang: &'static str,
    pub programme_id: Uuid,
    /// "Звіт про стан реалізації Програми ... за 2024 рік".
    pub title: String,
    /// Whether draft activities are included (a preview, not the official report).
    pub includes_drafts: bool,
    pub sections: Vec<ReportSection>,
}

/// A section row and its measures.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSection {
    /// "I", "II"...
    pub number: String,
    pub title: String,
    pub measures: Vec<ReportMeasure>,
}

/// A measure row: "№", "Зміст заходу" and "Виконання заходів".
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportMeasure {
    pub measure_id: Uuid,
    /// "1.10".
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.10"))]
    pub code: MeasureCode,
    pub title: String,
    /// The activities of the year, dated ones in date order, then the undated.
    pub entries: Vec<ReportEntry>,
    /// What the report says when there are no entries: "Заходи не здійснювались.".
    pub none_text: Option<String>,
}

/// One paragraph of the third column: an activity.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEntry {
    pub activity_id: Uuid,
    /// "04-05 березня 2024 року"; absent when the activity has only a year.
    pub date_phrase: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// The activity's further periods, when it was held in parts ("16 квітня, 14 травня").
    pub additional_dates: Vec<DateRange>,
    pub date_precision: DatePrecision,
    pub title: String,
    /// The activity's description (its title when it has none), with its outcome.
    pub text: String,
    /// The partners' names.
    pub partners: Vec<String>,
    /// `draft` only in a preview with drafts.
    pub publication: PublicationState,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    /// The text in this language, falling back to Ukrainian where there is no English.
    pub fn pick(self, text: &LocalizedText) -> String {
        match (self, &text.en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => en.clone(),
            _ => text.uk.clone(),
        }
    }

    pub fn none_text(self) -> &'static str {
        match self {
            Lang::Uk => "Заходи не здійснювались.",
            Lang::En => "No activities were carried out.",
        }
    }
}

/// The report's title: "Звіт про стан реалізації Програми ... за 2024 рік".
pub fn report_title(programme: &ProgrammeDraft, year: i32, lang: Lang) -> String {
    match lang {
        Lang::Uk => {
            let title = programme.title.uk.trim();
            let genitive = match title.strip_prefix("Програма ") {
                Some(rest) => format!("Програми {rest}"),
                None => title.to_owned(),
            };
            format!("Звіт про стан реалізації {genitive} за {year} рік")
        }
        Lang::En => format!("Report on the implementation of the {} in {year}", lang.pick(&programme.title).trim()),
    }
}

/// Builds the report of `year`: every measure of the programme in code order, each with the activities that
/// name it, in date order.
pub fn build(data: &ReportData, year: i32, lang: Lang, includes_drafts: bool) -> Report {
    let sections = data
        .sections
        .iter()
        .map(|section| {
            let mut measures: Vec<&MeasureData> = section.measures.iter().collect();
            measures.sort_by_key(|m| m.code);
            ReportSection {
                number: section.number.clone(),
                title: lang.pick(&section.title),
                measures: measures.into_iter().map(|m| measure_row(data, m, lang)).collect(),
            }
        })
        .collect();
    Report {
        year,
        lang: lang.code(),
        programme_id: data.programme_id,
        title: report_title(&data.programme, year, lang),
        includes_drafts,
        sections,
    }
}

fn measure_row(data: &ReportData, measure: &MeasureData, lang: Lang) -> ReportMeasure {
    let mut activities: Vec<&ActivityData> =
        data.activities.iter().filter(|a| a.activity.measure_ids.contains(&measure.id)).collect();
    activities.sort_by_key(|a| {
        let a = &a.activity;
        (a.date_precision == DatePrecision::Year, a.start_date, a.last_day(), a.title.uk.clone())
    });
    let entries: Vec<ReportEntry> = activities.into_iter().map(|a| entry(a, lang)).collect();
    ReportMeasure {
        measure_id: measure.id,
        code: measure.code,
        title: lang.pick(&measure.title),
        none_text: entries.is_empty().then(|| lang.none_text().to_owned()),
        entries,
    }
}

fn entry(data: &ActivityData, lang: Lang) -> ReportEntry {
    let a = &data.activity;
    let spans: Vec<Span> = std::iter::once(Span { start: a.start_date, end: a.end_date })
        .chain(a.additional_dates.iter().map(|r| Span { start: r.start_date, end: r.end_date }))
        .collect();
    let mut text = a.description.as_ref().map(|d| lang.pick(d)).unwrap_or_else(|| lang.pick(&a.title));
    if let Some(outcome) = &a.outcome {
        text.push(' ');
        text.push_str(&lang.pick(outcome));
    }
    ReportEntry {
        activity_id: data.id,
        date_phrase: date_phrase(&spans, a.date_precision, lang),
        start_date: a.start_date,
        end_date: a.end_date,
        additional_dates: a.additional_dates.clone(),
        date_precision: a.date_precision,
        title: lang.pick(&a.title),
        text,
        partners: data.partners.iter().map(|p| lang.pick(&p.name)).collect(),
        publication: data.publication,
    }
}

/// The block that opens the report and the line that signs it, as the department prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letterhead {
    pub council: LocalizedText,
    pub department: LocalizedText,
    pub address: LocalizedText,
    pub phones: String,
    pub email: String,
    /// The department's registry code (ЄДРПОУ).
    pub registry_code: String,
    pub signatory_position: LocalizedText,
    pub signatory_name: LocalizedText,
}

impl Default for Letterhead {
    /// The Khmelnytskyi economy department's letterhead, as on its 2024 report.
    fn default() -> Self {
        let text = |uk: &str, en: &str| LocalizedText { uk: uk.into(), en: Some(en.into()) };
        Self {
            council: text("ХМЕЛЬНИЦЬКА МІСЬКА РАДА", "KHMELNYTSKYI CITY COUNCIL"),
            department: text("УПРАВЛІННЯ ЕКОНОМІКИ", "DEPARTMENT OF ECONOMY"),
            address: text(
                "вул. Героїв Маріуполя, 3, м. Хмельницький, 29000",
                "3 Heroiv Mariupolia St., Khmelnytskyi, 29000, Ukraine",
            ),
            phones: "тел (0382) 76-21-12, 76-44-26, факс 76-43-46".into(),
            email: "economy@khm.gov.ua".into(),
            registry_code: "39816211".into(),
            signatory_position: text("В.о. начальника управління", "Acting Head of Department"),
            signatory_name: text("Наталія САХАРОВА", "Nataliia SAKHAROVA"),
        }
    }
}
