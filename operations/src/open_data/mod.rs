//! The open data: the published records read in batches for the feeds, and their shapes (the data dictionary,
//! rows, CSV, RDF). The API's `routes/open_data` serves them.

pub mod csv;
pub mod datasets;
mod feeds;
pub mod rdf;
pub mod rows;

pub use feeds::{FeedCursor, FeedQuery, Stamp, fetch, report_years, stamp};

use serde::Deserialize;

/// The licence the open data is published under (the `[open_data]` table of the settings file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenDataSettings {
    /// The licence's SPDX identifier.
    pub license_id: String,
    pub license_title: String,
    pub license_url: String,
}

impl Default for OpenDataSettings {
    fn default() -> Self {
        Self {
            license_id: "CC-BY-4.0".into(),
            license_title: "Creative Commons Attribution 4.0".into(),
            license_url: "https://creativecommons.org/licenses/by/4.0/".into(),
        }
    }
}
