//! Reading the filed 2024 report back: every measure row, the dated events under the right measures with the
//! right dates, and the slips flagged.

use std::collections::BTreeSet;

use intercoop_api::cli::import_report::{ImportReport, Output, run};
use intercoop_domain::import::read_report_text;
use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Role, db_test};
use serde_json::Value;

use crate::reports::{REFERENCE, reference_days, reference_rows};

#[test]
fn the_reference_report_reads_back_into_its_measures_and_dated_events() {
    let read = read_report_text(REFERENCE, 2024);
    let rows = reference_rows();
    let codes: Vec<&str> = read.measures.iter().map(|m| m.code.as_str()).collect();
    let reference_codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, reference_codes, "every measure row, in order");

    let (mut expected, mut found) = (0, 0);
    let mut missing = Vec::new();
    for (code, text) in &rows {
        let starts: BTreeSet<String> = read
            .activities
            .iter()
            .filter(|a| &a.measure_code == code)
            .flat_map(|a| a.dates.periods.iter().map(|p| p.start_date.to_string()))
            .collect();
        for day in reference_days(text).into_iter().collect::<BTreeSet<_>>() {
            expected += 1;
            if starts.contains(&day) {
                found += 1;
            } else {
                missing.push(format!("{code} {day}"));
            }
        }
    }
    let share = found as f64 / expected as f64;
    println!("dated events of the reference read under their measures: {found} of {expected} ({:.1}%)", share * 100.0);
    assert!(expected >= 60);
    assert!(share >= 0.95, "only {found} of {expected}; missing: {missing:?}");

    let slip = read.activities.iter().find(|a| a.dates.periods[0].start_date.to_string() == "2014-09-25");
    let slip = slip.expect("the conference dated 2014 is read as written");
    assert!(slip.dates.outside_year, "the 2014 slip is flagged");
    assert_eq!(slip.measure_code, "1.2");
    let implied = read.activities.iter().find(|a| a.source.starts_with("27 жовтня")).expect("27 жовтня is read");
    assert!(implied.dates.year_implied);
    assert_eq!(implied.dates.periods[0].start_date.to_string(), "2024-10-27");
    assert!(read.activities.iter().all(|a| !a.title.is_empty() && a.source.len() >= a.title.len() / 2));
}

/// The 2024 programme's structure and partners, without its activities, grants and agreements.
pub(crate) fn structure_only() -> String {
    let mut dataset: serde_json::Value = serde_json::from_str(KHMELNYTSKYI_2024).unwrap();
    for key in ["activities", "grants", "agreements"] {
        dataset[key] = serde_json::json!([]);
    }
    dataset.to_string()
}

fn home() -> intercoop_operations::imports::Home {
    intercoop_operations::imports::Home::of(&Default::default())
}

fn import(file: &std::path::Path, dry_run: bool) -> ImportReport {
    ImportReport { file: file.to_owned(), year: 2024, programme: None, dry_run, format: Output::Json }
}

db_test! {
    async fn importing_the_reference_report_gives_back_its_report(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let dir = std::env::temp_dir().join(format!("intercoop-import-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("report-2024.txt");
        std::fs::write(&file, REFERENCE).unwrap();

        let plan: Value = serde_json::from_str(&run(&app.db, import(&file, true), &home()).await.unwrap()).unwrap();
        assert_eq!(app.count_rows("activities").await, 0, "a dry run changes nothing");
        let planned = plan["activities"].as_array().unwrap();
        assert!(planned.iter().all(|a| a["fate"] == "new"));
        let slip = planned.iter().find(|a| a["start_date"] == "2014-09-25").unwrap();
        assert_eq!(slip["flags"], serde_json::json!(["outside_year"]));

        run(&app.db, import(&file, false), &home()).await.unwrap();
        let created = app.count_rows("activities").await;
        assert_eq!(created as usize, planned.len());
        run(&app.db, import(&file, false), &home()).await.unwrap();
        assert_eq!(app.count_rows("activities").await, created, "importing the same report again creates nothing");

        // The report of the imported drafts has the reference's measures and dated events.
        let programme = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let report = app.get_as(&format!("/api/v1/programmes/{programme}/reports/2024?include=drafts"), Role::Editor).await.expect(200);
        let measures: Vec<&Value> =
            report["sections"].as_array().unwrap().iter().flat_map(|s| s["measures"].as_array().unwrap()).collect();
        let rows = reference_rows();
        assert_eq!(measures.len(), rows.len());
        let (mut expected, mut found) = (0, 0);
        for ((code, text), measure) in rows.iter().zip(&measures) {
            assert_eq!(measure["code"], code.as_str());
            let mut starts = BTreeSet::new();
            for entry in measure["entries"].as_array().unwrap() {
                let activity = app.get_as(&format!("/api/v1/activities/{}", entry["activity_id"].as_str().unwrap()), Role::Viewer).await.expect(200);
                starts.insert(activity["start_date"].as_str().unwrap().to_owned());
                for more in activity["additional_dates"].as_array().unwrap() {
                    starts.insert(more["start_date"].as_str().unwrap().to_owned());
                }
            }
            for day in reference_days(text).into_iter().collect::<BTreeSet<_>>() {
                // The slip is imported as written (and flagged), so its report is the 2014 one.
                if day == "2014-09-25" {
                    continue;
                }
                expected += 1;
                if starts.contains(&day) {
                    found += 1;
                }
            }
        }
        println!("the imported report's dated events: {found} of {expected}");
        assert_eq!(found, expected);
        let _ = std::fs::remove_dir_all(dir);
    }
}

db_test! {
    async fn a_report_saved_as_word_reads_back_into_its_dated_events(app) {
        seed::load(&app.db, KHMELNYTSKYI_2024).await.unwrap();
        let programme = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let (status, _, docx) = app.client_get_bytes(&format!("/api/v1/programmes/{programme}/reports/2024?format=docx")).await;
        assert_eq!(status, 200);
        let text = intercoop_operations::imports::docx_text(&docx).unwrap();
        let programme_id = programme.parse().ok();
        let plan = intercoop_operations::imports::plan(&app.db, &text, 2024, programme_id, &home()).await.unwrap();
        let read: BTreeSet<(String, String)> =
            plan.activities.iter().map(|a| (a.measure_code.clone(), a.start_date.to_string())).collect();

        let report = app.get(&format!("/api/v1/programmes/{programme}/reports/2024")).await.expect(200);
        let mut written = BTreeSet::new();
        for section in report["sections"].as_array().unwrap() {
            for measure in section["measures"].as_array().unwrap() {
                // Undated entries (year precision) are not events the importer proposes.
                for entry in measure["entries"].as_array().unwrap().iter().filter(|e| e["date_precision"] != "year") {
                    written.insert((measure["code"].as_str().unwrap().to_owned(), entry["start_date"].as_str().unwrap().to_owned()));
                }
            }
        }
        assert_eq!(plan.measures.len(), 18);
        assert_eq!(read, written, "every dated entry of the Word report is read back under its measure");
        assert!(plan.activities.iter().all(|a| a.fate == intercoop_api::cli::import_report::Fate::Existing || a.fate == intercoop_api::cli::import_report::Fate::New));
    }
}

/// The place reader takes any text: every tail of the filed report, and every window of 40 characters, cut at
/// any character, reads without a panic.
#[test]
fn every_tail_of_the_report_reads_for_a_place() {
    use intercoop_domain::import::find_place;
    let bounds: Vec<usize> = REFERENCE.char_indices().map(|(i, _)| i).chain([REFERENCE.len()]).collect();
    let mut found = 0;
    for (n, &i) in bounds.iter().enumerate() {
        found += usize::from(find_place(&REFERENCE[i..], &[], "Хмельницький", "UA").is_some());
        let start = bounds[n.saturating_sub(40)];
        find_place(&REFERENCE[start..i], &[], "Хмельницький", "UA");
    }
    assert!(found > 1000, "{found}");
}
