//! A person's corrections of a proposal before it is applied: an event left out, or its measure, title or kind
//! put right. They are applied as the plan is made, so the proposal shows what applying would create, and
//! applying refuses a correction that leaves its event unable to become a draft. Dates are not corrected here: an
//! event is known as imported by the date read with its paragraph, so that applying the report again creates it
//! no second time; a wrong date is put right on the draft after applying.

use intercoop_domain::{ActivityDraft, ActivityKind, FieldErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::plan::{Fate, Plan};

/// What to change in one proposed activity.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"index": 4, "measure_code": "1.2", "title": "Візит делегації міста Сілістра"}))]
pub struct Correction {
    /// The activity's position in the proposal's `activities`, from 0.
    pub index: usize,
    /// Leave it out: applying creates nothing for it.
    #[serde(default)]
    pub skip: bool,
    /// The code of the measure it belongs under instead, e.g. "1.2".
    #[serde(default)]
    #[schema(max_length = 10)]
    pub measure_code: Option<String>,
    /// Its title instead of the paragraph's first sentence.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub title: Option<String>,
    #[serde(default)]
    pub kind: Option<ActivityKind>,
}

/// The corrections a person made to a proposal.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    #[serde(default)]
    #[schema(max_items = 2000)]
    pub corrections: Vec<Correction>,
}

impl Correction {
    /// Puts the correction's title and kind into the draft.
    pub(crate) fn apply_to(&self, draft: &mut ActivityDraft) {
        if let Some(title) = &self.title {
            draft.title.uk = title.trim().to_owned();
        }
        if let Some(kind) = self.kind {
            draft.kind = kind;
        }
    }
}

/// Each correction names an event of the proposal, once.
pub(crate) fn check_indexes(corrections: &[Correction], events: usize) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (i, c) in corrections.iter().enumerate() {
        if c.index >= events {
            let message = format!("the proposal has {events} activities, numbered from 0; there is no {}", c.index);
            errors.add(format!("corrections[{i}].index"), "unknown_event", message);
        } else if corrections[..i].iter().any(|o| o.index == c.index) {
            errors.add(
                format!("corrections[{i}].index"),
                "duplicate",
                format!("activity {} is corrected twice", c.index),
            );
        }
    }
    errors.into_result()
}

/// Every corrected event that is not left out becomes a draft: otherwise why not, at the correction.
pub(crate) fn check_outcome(plan: &Plan, corrections: &[Correction]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (i, c) in corrections.iter().enumerate().filter(|(_, c)| !c.skip) {
        let Some(activity) = plan.activities.get(c.index) else { continue };
        let why = match activity.fate {
            Fate::New | Fate::Skipped => continue,
            Fate::Existing => "it was imported before".to_owned(),
            Fate::NoMeasure => format!("the programme has no measure {}", activity.measure_code),
            Fate::Invalid => activity.problem.clone().unwrap_or_default(),
        };
        errors.add(
            format!("corrections[{i}]"),
            "not_importable",
            format!("activity {} cannot be created: {why}", c.index),
        );
    }
    errors.into_result()
}
