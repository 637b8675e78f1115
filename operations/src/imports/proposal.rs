//! What a plan proposes for each dated event of a report (its fate, its flags, the draft it would become) and
//! for each city abroad that no partner is.

use chrono::NaiveDate;
use intercoop_domain::import::find_place;
use intercoop_domain::report::Letterhead;
use intercoop_domain::{ActivityDraft, ActivityKind, DatePrecision, DateRange, PartnerDraft, Place};
use serde::Serialize;
use utoipa::ToSchema;

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
