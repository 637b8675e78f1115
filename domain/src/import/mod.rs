//! Reading the department's earlier reports: the Ukrainian date grammar of their date phrases, and the table of
//! a report in plain text.

pub mod dates;
pub mod heading;
pub mod place;
pub mod proposal;
pub mod report_text;

pub use dates::{FoundDates, find_dates, parse_dates};
pub use heading::ProgrammeHeading;
pub use place::{FoundPlace, find_place};
pub use proposal::{draft, recognise_partners};
pub use report_text::{MeasureRow, ProposedActivity, ReadReport, SectionRow, read_report_text};
