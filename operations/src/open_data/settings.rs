//! What the open data says of its publisher that the records do not hold: the licence, the area it covers, and the
//! IATI identifiers (the `[open_data]` table of the settings file).

use std::collections::BTreeMap;

use serde::Deserialize;

/// The `[open_data]` table of the settings file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenDataSettings {
    /// The licence's SPDX identifier.
    pub license_id: String,
    pub license_title: String,
    pub license_url: String,
    /// The licence's type in the ADMS licence-type vocabulary (`Attribution`, `PublicDomain`, ...).
    pub license_type: String,
    /// The area the data covers: an IRI (the EU country vocabulary's, by default Ukraine) with its centre and
    /// bounding box as WKT (longitude first).
    pub spatial_uri: String,
    pub spatial_centroid: String,
    pub spatial_bbox: String,
    /// The council's IATI organisation identifier (`UA-EDR-` and its registry code, by the org-id.guide list).
    /// Empty: `UA-EDR-` and the letterhead's registry code.
    pub iati_organisation_identifier: String,
    /// The DAC 5-digit sector of each measure's activities, by measure code (`"1.2" = "43030"`); a measure not
    /// named here takes `iati_default_sector`.
    pub iati_sectors: BTreeMap<String, String>,
    pub iati_default_sector: String,
}

impl Default for OpenDataSettings {
    fn default() -> Self {
        Self {
            license_id: "CC-BY-4.0".into(),
            license_title: "Creative Commons Attribution 4.0".into(),
            license_url: "https://creativecommons.org/licenses/by/4.0/".into(),
            license_type: "Attribution".into(),
            spatial_uri: "http://publications.europa.eu/resource/authority/country/UKR".into(),
            spatial_centroid: "POINT(31.1656 48.3794)".into(),
            spatial_bbox: "POLYGON((22.1371 44.3614,40.2276 44.3614,40.2276 52.3793,22.1371 52.3793,22.1371 44.3614))"
                .into(),
            iati_organisation_identifier: String::new(),
            iati_sectors: BTreeMap::new(),
            iati_default_sector: "15110".into(),
        }
    }
}

impl OpenDataSettings {
    /// What IATI's rules need of the settings: DAC 5-digit sector codes, and an organisation identifier without
    /// `/`, `&`, `|` or `?`.
    pub fn check(&self) -> Result<(), String> {
        let dac = |code: &str| code.len() == 5 && code.chars().all(|c| c.is_ascii_digit());
        for (measure, code) in &self.iati_sectors {
            if !dac(code) {
                return Err(format!("open_data.iati_sectors.\"{measure}\": '{code}' is not a DAC 5-digit sector code"));
            }
        }
        if !dac(&self.iati_default_sector) {
            return Err(format!(
                "open_data.iati_default_sector: '{}' is not a DAC 5-digit sector code",
                self.iati_default_sector
            ));
        }
        let id = &self.iati_organisation_identifier;
        if id.contains(['/', '&', '|', '?']) || id.chars().any(char::is_whitespace) {
            return Err(format!(
                "open_data.iati_organisation_identifier: '{id}' may not hold white space, '/', '&', '|' or '?'"
            ));
        }
        Ok(())
    }
}
