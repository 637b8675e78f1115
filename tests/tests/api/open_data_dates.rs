//! What the feeds say of dates and places: only what the records hold. A date known to the month or the year is
//! written to that precision, an activity held in parts carries every part, a place is given where the record
//! names one, and a grant without an award date waits outside 360Giving.

use intercoop_tests::{TestApp, db_test};
use serde_json::{Value, json};

async fn get_json(app: &TestApp, path: &str) -> Value {
    let (status, _, body) = app.client_get_bytes(path).await;
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

fn event<'a>(events: &'a Value, id: &Value) -> &'a Value {
    let id = id.as_str().unwrap();
    events["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["identifier"] == id)
        .unwrap_or_else(|| panic!("{id}: {events}"))
}

db_test! {
    async fn events_carry_dates_to_their_precision_every_part_and_only_the_places_they_know(app) {
        let f = app.programme_fixture().await;
        let yearly = app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Онлайн-платформа міст-побратимів"}, "kind": "online_event", "start_date": "2024-01-01",
            "date_precision": "year", "format": "online", "measure_ids": [f.measure("2.2")]
        })).await;
        let in_parts = app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Навчальний курс"}, "kind": "training", "start_date": "2024-04-16",
            "additional_dates": [{"start_date": "2024-05-14"}, {"start_date": "2024-07-23", "end_date": "2024-07-26"}],
            "measure_ids": [f.measure("1.1")]
        })).await;
        let monthly = app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Форум"}, "kind": "conference", "start_date": "2024-05-01", "date_precision": "month",
            "format": "hybrid", "place": {"city": {"uk": "Варшава", "en": "Warsaw"}, "country": "PL"},
            "measure_ids": [f.measure("1.2")]
        })).await;

        let events = get_json(&app, "/open-data/v1/activities.jsonld").await;
        let e = event(&events, &yearly["id"]);
        assert_eq!(e["startDate"], "2024", "a year, not the first of January: {e}");
        assert!(e.get("endDate").is_none(), "{e}");
        assert_eq!(e["location"], json!({"@type": "VirtualLocation"}));

        let e = event(&events, &in_parts["id"]);
        assert_eq!(e["startDate"], "2024-04-16");
        assert_eq!(e["endDate"], "2024-07-26", "the last day of the last part: {e}");
        let parts: Vec<(&str, Option<&str>)> = e["subEvent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["startDate"].as_str().unwrap(), p["endDate"].as_str()))
            .collect();
        assert_eq!(parts, [("2024-04-16", None), ("2024-05-14", None), ("2024-07-23", Some("2024-07-26"))]);
        assert!(e.get("location").is_none(), "in person, with no place recorded, says nothing of one: {e}");

        let e = event(&events, &monthly["id"]);
        assert_eq!(e["startDate"], "2024-05");
        let location = e["location"].as_array().unwrap();
        assert_eq!(location[0]["@type"], "Place");
        assert_eq!(location[0]["address"]["addressCountry"], "PL");
        assert_eq!(location[1]["@type"], "VirtualLocation");

        let feed = get_json(&app, "/open-data/v1/activities.json").await;
        let item = feed["items"].as_array().unwrap().iter().find(|i| i["id"] == in_parts["id"]).unwrap();
        assert_eq!(
            item["additional_dates"],
            json!([{"start_date": "2024-05-14", "end_date": null}, {"start_date": "2024-07-23", "end_date": "2024-07-26"}])
        );
        let (_, _, csv) = app.client_get_bytes("/open-data/v1/activities.csv").await;
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        let headers = reader.headers().unwrap().clone();
        let column = headers.iter().position(|h| h == "additional_dates").unwrap();
        let cells: Vec<String> = reader.records().map(|r| r.unwrap()[column].to_owned()).collect();
        assert!(cells.contains(&"2024-05-14; 2024-07-23/2024-07-26".to_owned()), "{cells:?}");

        let report = get_json(&app, "/open-data/v1/report-2024.json").await;
        let entry = report["items"].as_array().unwrap().iter().find(|i| i["activity_id"] == in_parts["id"]).unwrap();
        assert_eq!(entry["start_date"], "2024-04-16");
        assert_eq!(
            entry["additional_dates"],
            json!([{"start_date": "2024-05-14", "end_date": null}, {"start_date": "2024-07-23", "end_date": "2024-07-26"}])
        );
        let (_, _, csv) = app.client_get_bytes("/open-data/v1/report-2024.csv").await;
        assert!(String::from_utf8(csv).unwrap().contains("2024-05-14; 2024-07-23/2024-07-26"));
        let programme = f.programme_id.clone();
        let api = app.get(&format!("/api/v1/programmes/{programme}/reports/2024")).await.expect(200);
        let entries: Vec<&Value> = api["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["measures"].as_array().unwrap())
            .flat_map(|m| m["entries"].as_array().unwrap())
            .collect();
        let entry = entries.iter().find(|e| e["activity_id"] == in_parts["id"]).unwrap();
        assert_eq!(entry["additional_dates"][1], json!({"start_date": "2024-07-23", "end_date": "2024-07-26"}));
    }
}

db_test! {
    async fn a_grant_without_an_award_date_waits_outside_360giving(app) {
        let f = app.programme_fixture().await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        let grant = app.create_published("/api/v1/grants", &json!({
            "donor_id": undp, "project_title": {"uk": "Бізнес-хол"}, "amount": "654800", "currency": "EUR",
            "status": "completed", "measure_ids": [f.measure("1.3")]
        })).await;
        let giving = get_json(&app, "/open-data/v1/grants.360giving.json").await;
        assert_eq!(giving["grants"], json!([]), "no award date is made up: {giving}");
        let feed = get_json(&app, "/open-data/v1/grants.json").await;
        assert_eq!(feed["items"][0]["id"], grant["id"]);
        assert_eq!(feed["items"][0]["awarded_on"], Value::Null);
    }
}
