//! An activity as a line of a list: its dates in words, title, measures, unit and state.

use intercoop_domain::report::{Span, date_phrase};
use intercoop_domain::{ActivityDraft, PublicationState};
use intercoop_operations::records::activities::ActivityView;

use crate::i18n::Tr;

pub struct Row {
    pub id: String,
    pub dates: String,
    pub title: String,
    pub measures: String,
    pub unit: String,
    pub state: String,
    /// `draft`, `published` or `withdrawn`, for the badge's look.
    pub state_code: String,
    /// Whether the English text is missing.
    pub untranslated: bool,
}

/// The activity's dates as the report words them ("04-05 березня 2024 року"), or its year.
pub fn dates(draft: &ActivityDraft, tr: Tr) -> String {
    let spans: Vec<Span> = std::iter::once(Span { start: draft.start_date, end: draft.end_date })
        .chain(draft.additional_dates.iter().map(|r| Span { start: r.start_date, end: r.end_date }))
        .collect();
    date_phrase(&spans, draft.date_precision, tr.lang.report())
        .unwrap_or_else(|| chrono::Datelike::year(&draft.start_date).to_string())
}

impl Row {
    pub fn of(view: &ActivityView, tr: Tr) -> Self {
        let data = &view.record.data;
        let state = view.record.meta.publication.unwrap_or(PublicationState::Draft);
        Row {
            id: view.record.meta.id.to_string(),
            dates: dates(data, tr),
            title: tr.pick(&data.title).to_owned(),
            measures: view.measures.iter().map(|m| m.code.to_string()).collect::<Vec<_>>().join(", "),
            unit: data.owner_unit.clone().unwrap_or_default(),
            state: tr.term("state", state.as_str()),
            state_code: state.as_str().to_owned(),
            untranslated: data.title.en.as_deref().is_none_or(|en| en.trim().is_empty()),
        }
    }
}
