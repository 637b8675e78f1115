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
}

/// Localized text as JSON-LD language-tagged values.
fn tagged(text: &Value) -> Value {
    let mut values = Vec::new();
    for lang in ["uk", "en"] {
        if let Some(s) = text.get(lang).and_then(Value::as_str).filter(|s| !s.is_empty()) {
            values.push(json!({"@value": s, "@language": lang}));
        }
    }
    Value::Array(values)
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
            Format::Json => Value::Object(row.clone()),
            Format::GeoJson => {
                let (lat, lon) = (row.get("latitude")?.as_f64()?, row.get("longitude")?.as_f64()?);
                let mut properties = row.clone();
                properties.remove("latitude");
                properties.remove("longitude");
                json!({"type": "Feature", "id": row["id"], "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties})
            }
            // 360Giving needs the funder: a grant whose donor is not published waits until it is.
            Format::Giving360(_) if row.get("donor_name").is_none_or(Value::is_null) => return None,
            Format::Giving360(recipient) => {
                let award_date = row.get("awarded_on").filter(|v| !v.is_null()).cloned().unwrap_or_else(|| {
                    json!(row["created_at"].as_str().unwrap_or_default().get(..10).unwrap_or_default())
                });
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
            Format::Events(base) => {
                let status = match row["status"].as_str() {
                    Some("cancelled") => "https://schema.org/EventCancelled",
                    _ => "https://schema.org/EventScheduled",
                };
                let mode = match row["format"].as_str() {
                    Some("online") => "https://schema.org/OnlineEventAttendanceMode",
                    Some("hybrid") => "https://schema.org/MixedEventAttendanceMode",
                    _ => "https://schema.org/OfflineEventAttendanceMode",
                };
                let mut event = json!({
                    "@type": "Event",
                    "@id": format!("{base}/api/v1/activities/{}", row["id"].as_str().unwrap_or_default()),
                    "identifier": row["id"],
                    "name": tagged(&row["title"]),
                    "startDate": row["start_date"],
                    "eventStatus": {"@id": status},
                    "eventAttendanceMode": {"@id": mode},
                    "dateModified": row["updated_at"],
                });
                if row["end_date"].is_string() {
                    event["endDate"] = row["end_date"].clone();
                }
                if row["description"].is_object() {
                    event["description"] = tagged(&row["description"]);
                }
                if row["place_city"].is_object() || row["place_country"].is_string() {
                    let mut place = json!({"@type": "Place", "address": {"@type": "PostalAddress"}});
                    if row["place_city"].is_object() {
                        place["name"] = tagged(&row["place_city"]);
                        place["address"]["addressLocality"] = uk(&row["place_city"]);
                    }
                    if let Some(country) = row["place_country"].as_str() {
                        place["address"]["addressCountry"] = json!(country);
                    }
                    event["location"] = place;
                }
                event
            }
        };
        Some(serde_json::to_string(&value).expect("values serialize"))
    }

    /// What closes the feed, given the cursor of the next page when there is one.
    pub fn trailer(&self, next: Option<String>) -> Option<String> {
        match self {
            Format::Csv(_) => None,
            Format::Json => Some(format!("],\"next\":{}}}", next.map_or(Value::Null, Value::String))),
            _ => Some("]}".to_owned()),
        }
    }

    pub fn is_csv(&self) -> bool {
        matches!(self, Format::Csv(_))
    }
}
