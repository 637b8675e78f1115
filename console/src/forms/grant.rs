//! The grant form: its inputs as typed, the [`GrantDraft`] they make (the operation checks it with the API's
//! rules), and where an error about a field of the draft is shown.

use intercoop_domain::{CurrencyCode, FieldErrors, GrantDraft, GrantStatus, LocalizedText};
use serde::Deserialize;
use uuid::Uuid;

use super::{date, ids, optional, optional_text, text, vocabulary, with_checks};

/// The inputs of the grant form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub donor_id: String,
    pub instrument: String,
    pub project_title_uk: String,
    pub project_title_en: String,
    pub description_uk: String,
    pub description_en: String,
    pub amount: String,
    pub currency: String,
    pub status: String,
    pub applied_on: String,
    pub awarded_on: String,
    pub start_date: String,
    pub end_date: String,
    pub measure_ids: Vec<String>,
    /// The activities it paid for, kept as they are (the API and the importer link them).
    pub activity_ids: Vec<String>,
    pub owner_unit: String,
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl GrantForm {
    pub fn of(draft: &GrantDraft, version: Option<i32>) -> Self {
        let en = |t: &Option<LocalizedText>| t.as_ref().and_then(|t| t.en.clone()).unwrap_or_default();
        let uk = |t: &Option<LocalizedText>| t.as_ref().map(|t| t.uk.clone()).unwrap_or_default();
        GrantForm {
            version,
            donor_id: draft.donor_id.to_string(),
            instrument: draft.instrument.clone().unwrap_or_default(),
            project_title_uk: draft.project_title.uk.clone(),
            project_title_en: draft.project_title.en.clone().unwrap_or_default(),
            description_uk: uk(&draft.description),
            description_en: en(&draft.description),
            amount: draft.amount.clone(),
            currency: draft.currency.to_string(),
            status: draft.status.as_str().to_owned(),
            applied_on: day(draft.applied_on),
            awarded_on: day(draft.awarded_on),
            start_date: day(draft.start_date),
            end_date: day(draft.end_date),
            measure_ids: draft.measure_ids.iter().map(Uuid::to_string).collect(),
            activity_ids: draft.activity_ids.iter().map(Uuid::to_string).collect(),
            owner_unit: draft.owner_unit.clone().unwrap_or_default(),
            ..GrantForm::default()
        }
    }

    pub fn new_for(unit: Option<&str>) -> Self {
        GrantForm {
            currency: "UAH".into(),
            status: GrantStatus::Awarded.as_str().to_owned(),
            owner_unit: unit.unwrap_or_default().to_owned(),
            ..GrantForm::default()
        }
    }

    /// The draft the form describes, or every mistake in it: of shape first, then the draft's own checks.
    pub fn draft(&self) -> Result<GrantDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let donor_id = Uuid::parse_str(&self.donor_id)
            .map_err(|_| errors.add("donor_id", "required", "choose the donor"))
            .unwrap_or_default();
        let currency = CurrencyCode::parse(&self.currency.trim().to_uppercase())
            .map_err(|m| errors.add("currency", "currency", m))
            .unwrap_or(CurrencyCode::parse("UAH").expect("a currency"));
        let status = vocabulary(&self.status, GrantStatus::parse, "status", &mut errors);
        let draft = GrantDraft {
            donor_id,
            instrument: optional(&self.instrument),
            project_title: text(&self.project_title_uk, &self.project_title_en),
            description: optional_text(&self.description_uk, &self.description_en),
            amount: self.amount.trim().replace(' ', "").replace(',', "."),
            currency,
            status: status.unwrap_or(GrantStatus::Awarded),
            applied_on: date(&self.applied_on, "applied_on", &mut errors),
            awarded_on: date(&self.awarded_on, "awarded_on", &mut errors),
            start_date: date(&self.start_date, "start_date", &mut errors),
            end_date: date(&self.end_date, "end_date", &mut errors),
            measure_ids: ids(&self.measure_ids, "measure_ids", &mut errors),
            activity_ids: ids(&self.activity_ids, "activity_ids", &mut errors),
            owner_unit: optional(&self.owner_unit),
        };
        if errors.is_empty() {
            return Ok(draft);
        }
        Err(with_checks(errors, draft.check(), |e| e.field == "amount" && self.currency.trim().is_empty()))
    }
}

/// The input an error about the draft's `field` is shown beside.
pub fn input_of(field: &str) -> String {
    let path = field.split('[').next().unwrap_or(field);
    path.split('.').take(2).collect::<Vec<_>>().join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reads_back_as_the_draft_it_was_made_of() {
        let mut form = GrantForm::new_for(Some("управління економіки"));
        form.donor_id = Uuid::nil().to_string();
        form.project_title_uk = "Проскурів бізнес-хол".into();
        form.amount = "654 800,50".into();
        form.currency = "eur".into();
        form.awarded_on = "2024-03-01".into();
        let draft = form.draft().expect("a well-formed form");
        assert_eq!(draft.amount, "654800.50");
        assert_eq!(GrantForm::of(&draft, Some(1)).draft().expect("the same draft"), draft);
        assert_eq!(input_of("project_title.uk"), "project_title_uk");
    }
}
