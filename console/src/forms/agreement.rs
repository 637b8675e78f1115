//! The agreement form: its inputs as typed, the [`AgreementDraft`] they make (the operation checks it with the
//! API's rules), and where an error about a field of the draft is shown. A party is a partner ticked in the list,
//! or a body named on a line of its own ("Хмельницька міська рада | Khmelnytskyi City Council").

use intercoop_domain::{AgreementDraft, AgreementKind, AgreementParty, AgreementStatus, FieldErrors, LocalizedText};
use serde::Deserialize;
use uuid::Uuid;

use super::{date, ids, optional, optional_text, text, vocabulary, with_checks};

/// The inputs of the agreement form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AgreementForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub kind: String,
    pub title_uk: String,
    pub title_en: String,
    pub description_uk: String,
    pub description_en: String,
    /// The partners among the parties.
    pub party_ids: Vec<String>,
    /// The other parties, one per line: the Ukrainian name, and ` | ` and the English one where known.
    pub other_parties: String,
    pub signed_on: String,
    pub valid_until: String,
    pub status: String,
    pub document_url: String,
    pub measure_ids: Vec<String>,
    pub owner_unit: String,
}

fn named(name: &LocalizedText) -> String {
    match &name.en {
        Some(en) => format!("{} | {en}", name.uk),
        None => name.uk.clone(),
    }
}

impl AgreementForm {
    pub fn of(draft: &AgreementDraft, version: Option<i32>) -> Self {
        let en = |t: &Option<LocalizedText>| t.as_ref().and_then(|t| t.en.clone()).unwrap_or_default();
        let uk = |t: &Option<LocalizedText>| t.as_ref().map(|t| t.uk.clone()).unwrap_or_default();
        AgreementForm {
            version,
            kind: draft.kind.as_str().to_owned(),
            title_uk: draft.title.uk.clone(),
            title_en: draft.title.en.clone().unwrap_or_default(),
            description_uk: uk(&draft.description),
            description_en: en(&draft.description),
            party_ids: draft.parties.iter().filter_map(|p| p.partner_id).map(|id| id.to_string()).collect(),
            other_parties: draft
                .parties
                .iter()
                .filter(|p| p.partner_id.is_none())
                .filter_map(|p| p.name.as_ref().map(named))
                .collect::<Vec<_>>()
                .join("\n"),
            signed_on: draft.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            valid_until: draft.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            status: draft.status.as_str().to_owned(),
            document_url: draft.document_url.clone().unwrap_or_default(),
            measure_ids: draft.measure_ids.iter().map(Uuid::to_string).collect(),
            owner_unit: draft.owner_unit.clone().unwrap_or_default(),
            ..AgreementForm::default()
        }
    }

    pub fn new_for(unit: Option<&str>) -> Self {
        AgreementForm {
            kind: AgreementKind::Memorandum.as_str().to_owned(),
            status: AgreementStatus::InForce.as_str().to_owned(),
            other_parties: "Хмельницька міська рада | Khmelnytskyi City Council".into(),
            owner_unit: unit.unwrap_or_default().to_owned(),
            ..AgreementForm::default()
        }
    }

    /// The draft the form describes, or every mistake in it: of shape first, then the draft's own checks.
    pub fn draft(&self) -> Result<AgreementDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = vocabulary(&self.kind, AgreementKind::parse, "kind", &mut errors);
        let status = vocabulary(&self.status, AgreementStatus::parse, "status", &mut errors);
        let mut parties: Vec<AgreementParty> = ids(&self.party_ids, "parties", &mut errors)
            .into_iter()
            .map(|id| AgreementParty { partner_id: Some(id), name: None })
            .collect();
        parties.extend(self.other_parties.lines().filter_map(optional).map(|line| {
            let (uk, en) = line.split_once(" | ").unwrap_or((&line, ""));
            AgreementParty { partner_id: None, name: Some(text(uk.trim(), en)) }
        }));
        let draft = AgreementDraft {
            kind: kind.unwrap_or(AgreementKind::Memorandum),
            title: text(&self.title_uk, &self.title_en),
            description: optional_text(&self.description_uk, &self.description_en),
            parties,
            signed_on: date(&self.signed_on, "signed_on", &mut errors),
            valid_until: date(&self.valid_until, "valid_until", &mut errors),
            status: status.unwrap_or(AgreementStatus::InForce),
            document_url: optional(&self.document_url),
            measure_ids: ids(&self.measure_ids, "measure_ids", &mut errors),
            owner_unit: optional(&self.owner_unit),
        };
        if errors.is_empty() {
            return Ok(draft);
        }
        Err(with_checks(errors, draft.check(), |_| false))
    }
}

/// The input an error about the draft's `field` is shown beside: the parties' at the list of other parties.
pub fn input_of(field: &str) -> String {
    let path = field.split('[').next().unwrap_or(field);
    match path {
        "parties" => "other_parties".into(),
        other => other.split('.').take(2).collect::<Vec<_>>().join("_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reads_back_as_the_draft_it_was_made_of() {
        let mut form = AgreementForm::new_for(None);
        form.title_uk = "Меморандум про співпрацю".into();
        form.party_ids = vec![Uuid::nil().to_string()];
        form.signed_on = "2024-05-14".into();
        let draft = form.draft().expect("a well-formed form");
        assert_eq!(draft.parties.len(), 2);
        assert_eq!(draft.parties[1].name.as_ref().and_then(|n| n.en.as_deref()), Some("Khmelnytskyi City Council"));
        assert_eq!(AgreementForm::of(&draft, Some(1)).draft().expect("the same draft"), draft);
        assert_eq!(input_of("parties[1].name.uk"), "other_parties");
    }
}
