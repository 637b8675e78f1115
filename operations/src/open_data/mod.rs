//! The open data: the published records read in batches for the feeds, and their shapes (the data dictionary,
//! rows, CSV, RDF). The API's `routes/open_data` serves them.

pub mod csv;
pub mod datasets;
mod feeds;
pub mod rdf;
pub mod rows;
mod settings;

pub use feeds::{FeedCursor, FeedQuery, Stamp, fetch, installed_at, report_years, stamp};

pub use settings::OpenDataSettings;
