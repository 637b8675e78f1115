//! The domain of intercoop: a council's programme of international cooperation and promotion, its measures, and
//! the activities, partners, grants and agreements that carry it out. Pure types and rules: no I/O, no HTTP, no ORM.

mod codes;
pub mod dates;
mod enums;
pub mod import;
mod records;
pub mod report;
pub mod roles;
pub mod strict;
pub mod text;
pub mod validation;
mod workflow;

pub use codes::{CountryCode, CurrencyCode, MeasureCode, Money};
pub use dates::{DateRange, iso_to_precision};
pub use enums::*;
pub use records::*;
pub use roles::Role;
pub use text::LocalizedText;
pub use validation::{FieldError, FieldErrors};
pub use workflow::{Comment, Transition};
