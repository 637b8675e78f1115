use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::validation::{FieldErrors, check, no_duplicates};
use crate::{AgreementKind, AgreementStatus, LocalizedText};

/// One side of an agreement: a partner record, or a local body named in text ("виконавчий комітет
/// Хмельницької міської ради").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementParty {
    /// The partner, when the party is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<Uuid>,
    /// The party's name, when it is not a partner record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub name: Option<LocalizedText>,
}

/// A memorandum, partnership, twinning or technical-assistance agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementDraft {
    /// What sort of agreement it is.
    pub kind: AgreementKind,
    /// The agreement's title ("Меморандум про співробітництво ...").
    #[validate(nested)]
    pub title: LocalizedText,
    /// What it covers.
    #[serde(default)]
    #[validate(nested)]
    pub description: Option<LocalizedText>,
    /// The parties, at least two; each is a partner or a named local body.
    #[validate(nested, length(min = 2, max = 20, message = "names at least two parties (and at most 20)"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 2, max_items = 20))]
    pub parties: Vec<AgreementParty>,
    /// The day it was signed.
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    /// The last day it is in force, if it ends.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// In preparation, in force, expired or terminated.
    pub status: AgreementStatus,
    /// Where the signed document can be read.
    #[serde(default)]
    #[validate(custom(function = "crate::validation::web_url"), length(max = 2000))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "^https?://[^/\\s\\u0000][^\\s\\u0000]*$"))]
    pub document_url: Option<String>,
    /// The measures it serves.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub measure_ids: Vec<Uuid>,
    /// The organisational unit that owns the record.
    #[serde(default)]
    #[validate(length(max = 300))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub owner_unit: Option<String>,
}

impl AgreementDraft {
    pub fn check(&self) -> Result<(), FieldErrors> {
        check(self, |errors| {
            for (i, party) in self.parties.iter().enumerate() {
                if party.partner_id.is_some() == party.name.is_some() {
                    errors.add(
                        format!("parties[{i}]"),
                        "one_of",
                        "gives either partner_id or name, not both or neither",
                    );
                }
            }
            let partner_ids: Vec<Uuid> = self.parties.iter().filter_map(|p| p.partner_id).collect();
            no_duplicates(&partner_ids, "parties", errors);
            if let (Some(signed), Some(until)) = (self.signed_on, self.valid_until)
                && until < signed
            {
                errors.add("valid_until", "before_signed", format!("{until} is before the signing day {signed}"));
            }
            no_duplicates(&self.measure_ids, "measure_ids", errors);
            crate::dates::check_plausible("signed_on", self.signed_on, errors);
            crate::dates::check_plausible("valid_until", self.valid_until, errors);
        })
    }

    pub fn search_text(&self) -> String {
        let mut s = self.title.search_text();
        if let Some(d) = &self.description {
            s.push('\n');
            s.push_str(&d.search_text());
        }
        s
    }
}
