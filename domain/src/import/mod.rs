//! Reading the department's earlier reports: the Ukrainian date grammar of their date phrases.

pub mod dates;

pub use dates::{FoundDates, find_dates, parse_dates};
