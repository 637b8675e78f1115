//! A council that starts with intercoop has only its Word reports: importing one into an empty install proposes
//! the programme its title names, with the sections and measures of its table, and applying creates them with
//! the dated events under them.

use std::collections::BTreeSet;

use intercoop_api::cli::import_report::{ImportReport, Output, run};
use intercoop_tests::{Part, Role, db_test};
use reqwest::Method;
use serde_json::Value;

use crate::reports::{REFERENCE, reference_days, reference_rows};

db_test! {
    async fn the_first_report_brings_its_programme_into_an_empty_install(app) {
        let token = app.token(Role::Editor);
        let parts = [Part::file("file", "звіт-2024.txt", REFERENCE.as_bytes()), Part::value("year", "2024")];
        let response = app.upload("/api/v1/imports", &token, &parts).await;
        let proposal = response.expect(201);
        let location = response.header("location").unwrap().to_owned();
        assert_eq!(proposal["programme_id"], Value::Null);
        let programme = &proposal["new_programme"];
        assert_eq!(
            programme["title"],
            "Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки"
        );
        assert_eq!((programme["first_year"].as_i64(), programme["last_year"].as_i64()), (Some(2021), Some(2025)));
        let sections = programme["sections"].as_array().unwrap();
        let numbers: Vec<(&str, &str)> =
            sections.iter().map(|s| (s["number"].as_str().unwrap(), s["title"].as_str().unwrap())).collect();
        assert_eq!(numbers, [("I", "Міжнародне співробітництво"), ("II", "Промоція міста")]);
        let codes: Vec<&str> = sections
            .iter()
            .flat_map(|s| s["measures"].as_array().unwrap())
            .map(|m| m["code"].as_str().unwrap())
            .collect();
        let reference: Vec<String> = reference_rows().into_iter().map(|(code, _)| code).collect();
        assert_eq!(codes, reference, "the 18 measures of the table, in its order");
        assert!(sections[1]["measures"][1]["title"].as_str().unwrap().starts_with("Придбання презентаційної"));
        let events = proposal["summary"]["dated_events"].as_u64().unwrap();
        assert_eq!(proposal["summary"]["new"], events, "every event has its measure in the proposed programme");
        assert_eq!(app.count_rows("programmes").await, 0, "uploading creates nothing");

        // A title naming years no programme has is refused, naming what is wrong.
        let typo = REFERENCE.replace("на 2021-2025 роки", "на 2021-2205 роки");
        let parts = [Part::file("file", "typo.txt", typo.as_bytes()), Part::value("year", "2024")];
        let problem = app.upload("/api/v1/imports", &token, &parts).await.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "invalid_programme", "{problem}");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("last_year"), "{problem}");

                // Creating a programme is an administrator's step: an editor's apply is refused, and changes nothing.
        app.call(Method::POST, &format!("{location}/apply"), Some(Role::Editor), None).await
            .expect_problem(403, "forbidden");
        assert_eq!(app.count_rows("programmes").await, 0);
        assert_eq!(app.count_rows("activities").await, 0);

        let applied = app.call(Method::POST, &format!("{location}/apply"), Some(Role::Admin), None).await.expect(200);
        let programme_id = applied["programme_id"].as_str().unwrap().to_owned();
        assert_eq!(applied["new_programme"], Value::Null, "the programme runs now");
        assert_eq!(applied["summary"]["existing"], events);
        assert_eq!(app.count_rows("programmes").await, 1);
        assert_eq!(app.count_rows("sections").await, 2);
        assert_eq!(app.count_rows("measures").await, 18);
        assert_eq!(app.count_rows("activities").await as u64, events);
        let listed = app.get("/api/v1/programmes").await.expect(200);
        assert_eq!(listed["items"][0]["id"], programme_id.as_str());

        // Its report, drafts included, has the reference's measures and every dated event under them.
        let report = app
            .get_as(&format!("/api/v1/programmes/{programme_id}/reports/2024?include=drafts"), Role::Editor)
            .await
            .expect(200);
        let measures: Vec<&Value> =
            report["sections"].as_array().unwrap().iter().flat_map(|s| s["measures"].as_array().unwrap()).collect();
        let rows = reference_rows();
        assert_eq!(measures.len(), 18);
        let (mut expected, mut found) = (0, 0);
        for ((code, text), measure) in rows.iter().zip(&measures) {
            assert_eq!(measure["code"], code.as_str());
            let starts: BTreeSet<&str> = measure["entries"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|e| {
                    std::iter::once(e["start_date"].as_str().unwrap())
                        .chain(e["additional_dates"].as_array().unwrap().iter().map(|d| d["start_date"].as_str().unwrap()))
                })
                .collect();
            for day in reference_days(text).into_iter().collect::<BTreeSet<_>>() {
                if day == "2014-09-25" {
                    continue; // the slip is imported as written, into the 2014 report
                }
                expected += 1;
                found += usize::from(starts.contains(day.as_str()));
            }
        }
        assert_eq!(found, expected, "every dated event of the reference, under its measure");

        // The next year's report goes under the programme now running.
        let again = app.upload("/api/v1/imports", &token, &[Part::file("file", "2023.txt", REFERENCE.replace("2024", "2023").as_bytes()), Part::value("year", "2023")]).await.expect(201);
        assert_eq!(again["programme_id"], programme_id.as_str());
        assert_eq!(again["new_programme"], Value::Null);
    }
}

db_test! {
    async fn the_command_line_import_creates_the_programme_too(app) {
        let dir = std::env::temp_dir().join(format!("intercoop-import-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("report-2024.txt");
        std::fs::write(&file, REFERENCE).unwrap();
        let args = |dry_run| ImportReport { file: file.clone(), year: 2024, programme: None, dry_run, format: Output::Json };
        let home = intercoop_operations::imports::Home::of(&Default::default());
        let plan: Value = serde_json::from_str(&run(&app.db, args(true), &home).await.unwrap()).unwrap();
        assert_eq!(plan["new_programme"]["sections"].as_array().unwrap().len(), 2);
        assert_eq!(app.count_rows("programmes").await, 0, "a dry run changes nothing");
        run(&app.db, args(false), &home).await.unwrap();
        assert_eq!(app.count_rows("programmes").await, 1);
        assert_eq!(app.count_rows("measures").await, 18);
        assert_eq!(app.count_rows("activities").await as usize, plan["activities"].as_array().unwrap().len());
        let _ = std::fs::remove_dir_all(dir);
    }
}
