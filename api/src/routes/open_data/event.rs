//! An activity as a schema.org Event: its dates to the precision they are known, its parts as sub-events, and
//! where it took place (a Place, a VirtualLocation online, both when hybrid) as far as the record knows it.

use chrono::NaiveDate;
use intercoop_domain::{DatePrecision, DateRange, iso_to_precision};
use serde_json::{Value, json};

use intercoop_operations::open_data::rows::Row;

/// Localized text as JSON-LD language-tagged values.
pub fn tagged(text: &Value) -> Value {
    let mut values = Vec::new();
    for lang in ["uk", "en"] {
        if let Some(s) = text.get(lang).and_then(Value::as_str).filter(|s| !s.is_empty()) {
            values.push(json!({"@value": s, "@language": lang}));
        }
    }
    Value::Array(values)
}

fn date(value: &Value) -> Option<NaiveDate> {
    value.as_str()?.parse().ok()
}

/// The activity's periods: the first, then its further ones.
fn periods(row: &Row) -> Vec<DateRange> {
    let first = date(&row["start_date"]).map(|start| DateRange { start_date: start, end_date: date(&row["end_date"]) });
    let further: Vec<DateRange> = row["additional_dates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| serde_json::from_value(r.clone()).ok())
        .collect();
    first.into_iter().chain(further).collect()
}

fn location(row: &Row) -> Option<Value> {
    let mut places = Vec::new();
    if row["place_city"].is_object() || row["place_country"].is_string() {
        let mut place = json!({"@type": "Place", "address": {"@type": "PostalAddress"}});
        if row["place_city"].is_object() {
            place["name"] = tagged(&row["place_city"]);
            place["address"]["addressLocality"] = row["place_city"]["uk"].clone();
        }
        if let Some(country) = row["place_country"].as_str() {
            place["address"]["addressCountry"] = json!(country);
        }
        places.push(place);
    }
    if matches!(row["format"].as_str(), Some("online" | "hybrid")) {
        places.push(json!({"@type": "VirtualLocation"}));
    }
    match places.len() {
        0 => None,
        1 => places.pop(),
        _ => Some(Value::Array(places)),
    }
}

pub fn event(base: &str, row: &Row) -> Value {
    let status = match row["status"].as_str() {
        Some("cancelled") => "https://schema.org/EventCancelled",
        _ => "https://schema.org/EventScheduled",
    };
    let mode = match row["format"].as_str() {
        Some("online") => "https://schema.org/OnlineEventAttendanceMode",
        Some("hybrid") => "https://schema.org/MixedEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let precision = match row["date_precision"].as_str() {
        Some("month") => DatePrecision::Month,
        Some("year") => DatePrecision::Year,
        _ => DatePrecision::Day,
    };
    let written = |d: NaiveDate| json!(iso_to_precision(d, precision));
    let mut event = json!({
        "@type": "Event",
        "@id": format!("{base}/api/v1/activities/{}", row["id"].as_str().unwrap_or_default()),
        "identifier": row["id"],
        "name": tagged(&row["title"]),
        "eventStatus": {"@id": status},
        "eventAttendanceMode": {"@id": mode},
        "dateModified": row["updated_at"],
    });
    let periods = periods(row);
    if let Some(first) = periods.first() {
        event["startDate"] = written(first.start_date);
        let last = periods.iter().map(|p| p.end_date.unwrap_or(p.start_date)).max().unwrap_or(first.start_date);
        if periods.len() > 1 || first.end_date.is_some() {
            event["endDate"] = written(last);
        }
    }
    if periods.len() > 1 {
        let parts: Vec<Value> = periods
            .iter()
            .map(|p| {
                let mut part =
                    json!({"@type": "Event", "name": tagged(&row["title"]), "startDate": written(p.start_date)});
                if let Some(end) = p.end_date {
                    part["endDate"] = written(end);
                }
                part
            })
            .collect();
        event["subEvent"] = Value::Array(parts);
    }
    if row["description"].is_object() {
        event["description"] = tagged(&row["description"]);
    }
    if let Some(location) = location(row) {
        event["location"] = location;
    }
    event
}
