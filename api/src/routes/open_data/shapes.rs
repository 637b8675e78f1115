//! The shapes a feed is written in: its own JSON and CSV, GeoJSON for partners, 360Giving for grants, schema.org
//! Events (JSON-LD, with the context inline) for activities.

use intercoop_domain::report::Lang;
use serde_json::{Value, json};

use intercoop_operations::open_data::csv;
use intercoop_operations::open_data::datasets::Dataset;
use intercoop_operations::open_data::rows::Row;

/// Who receives the grants (the council), for 360Giving.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub enum Format {
    Json,
    Csv(Lang),
    GeoJson,
    Giving360(Recipient),
    /// With the base URL of the activities' identifiers.
    Events(String),
    /// IATI activities: the activities dataset opens the file, the grants close it.
    Iati(Box<super::iati::Iati>),
}

fn uk(text: &Value) -> Value {
    text.get("uk").cloned().unwrap_or(Value::Null)
}

impl Format {
    pub fn header(&self, dataset: &Dataset) -> String {
        match self {
            Format::Json => format!("{{\"dataset\":\"{}\",\"items\":[", dataset.name),
            Format::Csv(_) => csv::header(dataset.columns),
            Format::GeoJson => "{\"type\":\"FeatureCollection\",\"features\":[".to_owned(),
            Format::Giving360(_) => "{\"grants\":[".to_owned(),
            Format::Iati(_) if dataset.name == "activities" => super::iati::HEADER.to_owned(),
            Format::Iati(_) => String::new(),
            Format::Events(_) => {
                let context = json!({"@vocab": "https://schema.org/", "schema": "https://schema.org/"});
                format!("{{\"@context\":{context},\"@graph\":[")
            }
        }
    }

    /// The row written in this shape; none when the shape has no place for it (a partner without coordinates).
    pub fn item(&self, dataset: &Dataset, row: &Row) -> Option<String> {
        let value = match self {
            Format::Csv(lang) => return Some(csv::row(dataset.columns, row, *lang)),
            Format::Iati(iati) if dataset.name == "activities" => return iati.activity(row),
            Format::Iati(iati) => return iati.grant(row),
            Format::Json => Value::Object(row.clone()),
            Format::GeoJson => {
                let (lat, lon) = (row.get("latitude")?.as_f64()?, row.get("longitude")?.as_f64()?);
                let mut properties = row.clone();
                properties.remove("latitude");
                properties.remove("longitude");
                json!({"type": "Feature", "id": row["id"], "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties})
            }
            // 360Giving needs the funder and the award date: a grant whose donor is not published, or whose award
            // date is not known, waits until it is.
            Format::Giving360(_) if row.get("donor_name").is_none_or(Value::is_null) => return None,
            Format::Giving360(_) if row.get("awarded_on").is_none_or(Value::is_null) => return None,
            Format::Giving360(recipient) => {
                let award_date = row["awarded_on"].clone();
                let mut grant = json!({
                    "id": format!("360G-intercoop-{}", row["id"].as_str().unwrap_or_default()),
                    "title": uk(&row["project_title"]),
                    "description": row["description"].get("uk").cloned().unwrap_or_else(|| uk(&row["project_title"])),
                    "currency": row["currency"],
                    "amountAwarded": row["amount"].as_str().and_then(|a| a.parse::<f64>().ok()),
                    "awardDate": award_date,
                    "recipientOrganization": [{"id": recipient.id, "name": recipient.name}],
                    "fundingOrganization": [{
                        "id": format!("intercoop-partner-{}", row["donor_id"].as_str().unwrap_or_default()),
                        "name": uk(&row["donor_name"]),
                    }],
                    "dateModified": row["updated_at"],
                });
                if let (Some(start), Some(end)) = (row["start_date"].as_str(), row["end_date"].as_str()) {
                    grant["plannedDates"] = json!([{"startDate": start, "endDate": end}]);
                }
                grant
            }
            Format::Events(base) => super::event::event(base, row),
        };
        Some(serde_json::to_string(&value).expect("values serialize"))
    }

    /// What closes the feed, given the cursor of the next page when there is one.
    pub fn trailer(&self, dataset: &Dataset, next: Option<String>) -> Option<String> {
        match self {
            Format::Csv(_) => None,
            Format::Iati(_) if dataset.name == "activities" => None,
            Format::Iati(_) => Some(super::iati::TRAILER.to_owned()),
            Format::Json => Some(format!("],\"next\":{}}}", next.map_or(Value::Null, Value::String))),
            _ => Some("]}".to_owned()),
        }
    }

    /// Whether items are separated by commas (the JSON shapes).
    pub fn comma_separated(&self) -> bool {
        !matches!(self, Format::Csv(_) | Format::Iati(_))
    }
}
