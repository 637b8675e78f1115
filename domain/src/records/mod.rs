mod activity;
mod agreement;
mod grant;
mod measure;
mod partner;
mod programme;

pub use activity::{ActivityDraft, PartnerLink, Place};
pub use agreement::{AgreementDraft, AgreementParty};
pub use grant::GrantDraft;
pub use measure::{MeasureDraft, PlannedFunding};
pub use partner::{Coordinates, PartnerDraft};
pub use programme::{CouncilDecision, ProgrammeDraft, SectionDraft, roman_numeral, roman_value};

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// What every stored record carries besides its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub id: Uuid,
    /// Starts at 1 and grows by one with every change.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where the record stands in the draft -> submitted -> published -> withdrawn workflow; none for the
    /// programme structure, which is always public.
    pub publication: Option<crate::PublicationState>,
}

/// A stored record: its metadata and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    pub meta: Meta,
    pub data: T,
}
