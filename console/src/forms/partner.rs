//! The partner form: its inputs as typed, the [`PartnerDraft`] they make (the operation checks it with the API's
//! rules), and where an error about a field of the draft is shown.

use chrono::NaiveDate;
use intercoop_domain::{Coordinates, CountryCode, FieldErrors, PartnerDraft, PartnerKind};
use serde::Deserialize;
use uuid::Uuid;

use super::{optional, optional_text, text, with_checks};

/// The inputs of the partner form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub name_uk: String,
    pub name_en: String,
    /// Other names, one per line.
    pub aliases: String,
    pub kind: String,
    pub country: String,
    pub city_uk: String,
    pub city_en: String,
    pub website: String,
    pub parent_id: String,
    pub partner_since: String,
    pub latitude: String,
    pub longitude: String,
    pub owner_unit: String,
}

fn number(value: &str, field: &str, errors: &mut FieldErrors) -> Option<f64> {
    let value = value.trim().replace(',', ".");
    value.parse::<f64>().map_err(|_| errors.add(field, "number", format!("'{value}' is not a number"))).ok()
}

impl PartnerForm {
    pub fn of(draft: &PartnerDraft, version: Option<i32>) -> Self {
        let city = draft.city.as_ref();
        PartnerForm {
            version,
            name_uk: draft.name.uk.clone(),
            name_en: draft.name.en.clone().unwrap_or_default(),
            aliases: draft.aliases.join("\n"),
            kind: draft.kind.as_str().to_owned(),
            country: draft.country.map(|c| c.to_string()).unwrap_or_default(),
            city_uk: city.map(|c| c.uk.clone()).unwrap_or_default(),
            city_en: city.and_then(|c| c.en.clone()).unwrap_or_default(),
            website: draft.website.clone().unwrap_or_default(),
            parent_id: draft.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            partner_since: draft.partner_since.map(|d| d.to_string()).unwrap_or_default(),
            latitude: draft.coordinates.map(|c| c.latitude.to_string()).unwrap_or_default(),
            longitude: draft.coordinates.map(|c| c.longitude.to_string()).unwrap_or_default(),
            owner_unit: draft.owner_unit.clone().unwrap_or_default(),
            ..PartnerForm::default()
        }
    }

    pub fn new_for(unit: Option<&str>) -> Self {
        PartnerForm {
            kind: PartnerKind::PartnerCity.as_str().to_owned(),
            owner_unit: unit.unwrap_or_default().to_owned(),
            ..PartnerForm::default()
        }
    }

    /// The draft the form describes, or every mistake in it: of shape first, then the draft's own checks.
    pub fn draft(&self) -> Result<PartnerDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = PartnerKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "invalid", format!("'{}' is not one of the choices", self.kind));
        }
        let country = optional(&self.country)
            .and_then(|c| CountryCode::parse(&c.to_uppercase()).map_err(|m| errors.add("country", "country", m)).ok());
        let parent_id = optional(&self.parent_id)
            .and_then(|p| Uuid::parse_str(&p).map_err(|_| errors.add("parent_id", "invalid", "not a record id")).ok());
        let partner_since = optional(&self.partner_since).and_then(|d| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .map_err(|_| errors.add("partner_since", "date", format!("'{d}' is not a date (YYYY-MM-DD)")))
                .ok()
        });
        let coordinates = match (optional(&self.latitude), optional(&self.longitude)) {
            (None, None) => None,
            (latitude, longitude) => {
                let latitude = number(latitude.as_deref().unwrap_or_default(), "coordinates.latitude", &mut errors);
                let longitude = number(longitude.as_deref().unwrap_or_default(), "coordinates.longitude", &mut errors);
                latitude.zip(longitude).map(|(latitude, longitude)| Coordinates { latitude, longitude })
            }
        };
        let city = optional_text(&self.city_uk, &self.city_en);
        let draft = PartnerDraft {
            name: text(&self.name_uk, &self.name_en),
            aliases: self.aliases.lines().filter_map(optional).collect(),
            kind: kind.unwrap_or(PartnerKind::PartnerCity),
            country,
            city,
            website: optional(&self.website),
            parent_id,
            partner_since,
            coordinates,
            owner_unit: optional(&self.owner_unit),
        };
        if errors.is_empty() {
            return Ok(draft);
        }
        Err(with_checks(errors, draft.check(), |_| false))
    }
}

/// The input an error about the draft's `field` is shown beside.
pub fn input_of(field: &str) -> String {
    let path = field.split('[').next().unwrap_or(field);
    match path {
        "coordinates.latitude" | "coordinates" => "latitude".into(),
        "coordinates.longitude" => "longitude".into(),
        other => other.split('.').take(2).collect::<Vec<_>>().join("_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reads_back_as_the_draft_it_was_made_of() {
        let mut form = PartnerForm::new_for(Some("управління економіки"));
        form.name_uk = "Місто Жешув".into();
        form.aliases = "Rzeszów\nЖешув".into();
        form.country = "pl".into();
        form.latitude = "50,04".into();
        form.longitude = "21.99".into();
        form.partner_since = "1993-05-01".into();
        let draft = form.draft().expect("a well-formed form");
        assert_eq!(draft.coordinates.map(|c| c.latitude), Some(50.04));
        assert_eq!(PartnerForm::of(&draft, Some(1)).draft().expect("the same draft"), draft);
    }

    #[test]
    fn errors_are_placed_at_their_inputs() {
        assert_eq!(input_of("name.uk"), "name_uk");
        assert_eq!(input_of("aliases[1]"), "aliases");
        assert_eq!(input_of("coordinates.longitude"), "longitude");
        assert_eq!(input_of("city.uk"), "city_uk");
        let mut form = PartnerForm::new_for(None);
        form.latitude = "north".into();
        let errors = form.draft().unwrap_err().into_vec();
        assert!(errors.iter().any(|e| e.field == "coordinates.latitude" && e.code == "number"));
        assert!(errors.iter().any(|e| e.field == "name.uk"), "{errors:?}");
    }
}
