//! The annual report, generated from the 2024 dataset, against the department's reference document
//! (tests/fixtures/programme-report-2024.uk.txt, a copy of the report it filed).

use std::collections::BTreeSet;

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Role, TestApp, db_test};
use regex::Regex;
use serde_json::{Value, json};

pub(crate) const REFERENCE: &str = include_str!("../../fixtures/programme-report-2024.uk.txt");
pub(crate) const MONTHS: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

/// The reference's rows: (measure code, the row's text with the HTML tags taken out), in document order.
pub(crate) fn reference_rows() -> Vec<(String, String)> {
    let tags = Regex::new(r"<[^>]+>").unwrap();
    let start = Regex::new(r"^(?:<p>)?(\d\.\d{1,2})(?:</p>)?\t").unwrap();
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in REFERENCE.lines() {
        if let Some(m) = start.captures(line) {
            rows.push((m[1].to_owned(), String::new()));
        } else if line.starts_with("II.") {
            continue;
        }
        if let Some((_, text)) = rows.last_mut() {
            text.push(' ');
            text.push_str(&tags.replace_all(line, " "));
        }
    }
    rows
}

/// The days on which the reference says events began or took place, as ISO dates ("16 та 23 липня 2024 року"
/// gives both days; a range gives its first day; a day without a year is in the report's year).
pub(crate) fn reference_days(text: &str) -> Vec<String> {
    let m = MONTHS.join("|");
    let cross = Regex::new(&format!(r"(\d{{1,2}}) ({m})\s*[–-]\s*\d{{1,2}} (?:{m}) (\d{{4}})")).unwrap();
    let pair = Regex::new(&format!(r"(\d{{1,2}}) та (\d{{1,2}}) ({m}) (\d{{4}})")).unwrap();
    let single = Regex::new(&format!(r"(\d{{1,2}})(?:-\d{{1,2}})? ({m})(?: (\d{{4}}))?")).unwrap();
    let dotted = Regex::new(r"(\d{2})\.(\d{2})\.(\d{4}) року").unwrap();
    let iso = |d: &str, month: &str, y: Option<&str>| {
        let month = MONTHS.iter().position(|x| *x == month).unwrap() + 1;
        format!("{}-{month:02}-{:02}", y.unwrap_or("2024"), d.parse::<u32>().unwrap())
    };
    let mut days = Vec::new();
    let mut rest = text.to_owned();
    for c in cross.captures_iter(text) {
        days.push(iso(&c[1], &c[2], Some(&c[3])));
    }
    rest = cross.replace_all(&rest, " ").into_owned();
    for c in pair.captures_iter(&rest.clone()) {
        days.push(iso(&c[1], &c[3], Some(&c[4])));
        days.push(iso(&c[2], &c[3], Some(&c[4])));
    }
    rest = pair.replace_all(&rest, " ").into_owned();
    for c in single.captures_iter(&rest) {
        days.push(iso(&c[1], &c[2], c.get(3).map(|y| y.as_str())));
    }
    for c in dotted.captures_iter(&rest) {
        days.push(format!("{}-{}-{}", &c[3], &c[2], &c[1]));
    }
    days
}

async fn seeded_programme(app: &TestApp) -> String {
    seed::load(&app.db, KHMELNYTSKYI_2024).await.unwrap();
    app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned()
}

/// Every day an activity covers as a start: its start and the start of each further period.
async fn start_days(app: &TestApp, activity_id: &str) -> Vec<String> {
    let activity = app.get(&format!("/api/v1/activities/{activity_id}")).await.expect(200);
    let mut days = vec![activity["start_date"].as_str().unwrap().to_owned()];
    for more in activity["additional_dates"].as_array().unwrap() {
        days.push(more["start_date"].as_str().unwrap().to_owned());
    }
    days
}

db_test! {
    async fn the_2024_report_matches_the_reference_measure_by_measure(app) {
        let programme = seeded_programme(&app).await;
        let report = app.get(&format!("/api/v1/programmes/{programme}/reports/2024")).await.expect(200);
        assert_eq!(
            report["title"],
            "Звіт про стан реалізації Програми міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки за 2024 рік"
        );
        let measures: Vec<&Value> =
            report["sections"].as_array().unwrap().iter().flat_map(|s| s["measures"].as_array().unwrap()).collect();
        let rows = reference_rows();
        let reference_codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
        let codes: Vec<&str> = measures.iter().map(|m| m["code"].as_str().unwrap()).collect();
        assert_eq!(codes, reference_codes, "all 18 measures, in the reference's order");
        assert_eq!(codes.len(), 18);

        let (mut expected, mut found) = (0, 0);
        let mut missing = Vec::new();
        let words = Regex::new(r"[\p{L}'’]+").unwrap();
        for ((code, text), measure) in rows.iter().zip(&measures) {
            for word in words.find_iter(measure["title"].as_str().unwrap()) {
                assert!(text.contains(word.as_str()), "{code}: the reference's row lacks '{}' of the title", word.as_str());
            }
            if code == "1.7" || code == "1.9" {
                assert_eq!(measure["none_text"], "Заходи не здійснювались.");
                assert!(measure["entries"].as_array().unwrap().is_empty());
            }
            let mut covered = BTreeSet::new();
            for entry in measure["entries"].as_array().unwrap() {
                covered.extend(start_days(&app, entry["activity_id"].as_str().unwrap()).await);
            }
            let days: BTreeSet<String> = reference_days(text).into_iter().collect();
            for day in days {
                // The reference dates one 2024 conference "25 вересня 2014 року"; the dataset holds 2024-09-25.
                let day = if day == "2014-09-25" { "2024-09-25".to_owned() } else { day };
                expected += 1;
                if covered.contains(&day) { found += 1 } else { missing.push(format!("{code} {day}")) }
            }
        }
        println!("reference dated events found under their measures: {found} of {expected}");
        assert!(expected >= 60, "the parser found only {expected} dated events in the reference");
        assert!(missing.is_empty(), "events of the reference missing from the report: {missing:?}");
    }
}

db_test! {
    async fn date_phrases_are_written_the_reports_way(app) {
        let programme = seeded_programme(&app).await;
        let report = app.get(&format!("/api/v1/programmes/{programme}/reports/2024")).await.expect(200);
        let phrases: Vec<String> = report["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["measures"].as_array().unwrap().iter())
            .flat_map(|m| m["entries"].as_array().unwrap().iter())
            .filter_map(|e| e["date_phrase"].as_str().map(str::to_owned))
            .collect();
        for phrase in [
            "26 січня 2024 року",
            "04-05 березня 2024 року",
            "30 жовтня – 02 листопада 2024 року",
            "16 та 23 липня 2024 року",
            "16 квітня та 14 травня 2024 року",
            "23-26 липня та 09-13 вересня 2024 року",
            "31 травня – 03 червня 2024 року",
        ] {
            assert!(phrases.iter().any(|p| p == phrase), "no entry reads '{phrase}'");
        }
        let english = app.get(&format!("/api/v1/programmes/{programme}/reports/2024?lang=en")).await.expect(200);
        assert_eq!(english["sections"][0]["title"], "International cooperation");
        assert_eq!(english["sections"][0]["measures"][0]["entries"][0]["date_phrase"], "26 January 2024");
        assert_eq!(english["sections"][0]["measures"][6]["none_text"], "No activities were carried out.");
    }
}

db_test! {
    async fn html_markdown_and_csv_are_well_formed(app) {
        let programme = seeded_programme(&app).await;
        let path = format!("/api/v1/programmes/{programme}/reports/2024");

        let html = app.get(&format!("{path}?format=html")).await;
        assert_eq!(html.status.as_u16(), 200);
        assert!(html.header("content-type").unwrap().starts_with("text/html"));
        let mut reader = quick_xml::Reader::from_str(html.text.trim_start_matches("<!DOCTYPE html>"));
        reader.config_mut().check_end_names = true;
        let (mut cells, mut depth) = (0, 0i32);
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("the HTML is not well-formed: {e}")) {
                quick_xml::events::Event::Start(e) => {
                    depth += 1;
                    if e.name().as_ref() == b"td" || e.name().as_ref() == b"th" {
                        cells += 1;
                    }
                }
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        assert_eq!(cells, 3 + 2 + 18 * 3, "a header row, two section rows and 18 measure rows");
        for text in ["Зміст заходу", "Виконання заходів", "Код ЄДРПОУ 39816211", "Наталія САХАРОВА", "A4 landscape"] {
            assert!(html.text.contains(text), "the HTML lacks '{text}'");
        }

        let accepted = app
            .call_with_headers(reqwest::Method::GET, &path, &[("accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")], None)
            .await;
        assert!(accepted.header("content-type").unwrap().starts_with("text/html"));

        let md = app.get(&format!("{path}?format=md")).await;
        assert!(md.header("content-type").unwrap().starts_with("text/markdown"));
        assert!(md.text.contains("### 1.7 "));
        assert!(md.text.contains("**26 січня 2024 року** – "));

        let csv_response = app.call_with_headers(reqwest::Method::GET, &path, &[("accept", "text/csv")], None).await;
        assert!(csv_response.header("content-type").unwrap().starts_with("text/csv"));
        let mut reader = csv::Reader::from_reader(csv_response.text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[2], "measure_code");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("every CSV row parses")).collect();
        assert!(rows.iter().all(|r| r.len() == headers.len()));
        let codes: BTreeSet<&str> = rows.iter().map(|r| r.get(2).unwrap()).collect();
        assert_eq!(codes.len(), 18, "every measure has at least one row");
        assert!(rows.iter().any(|r| r.get(2) == Some("1.9") && r.get(10) == Some("Заходи не здійснювались.")));
    }
}

db_test! {
    async fn only_published_activities_unless_an_editor_previews_drafts(app) {
        let programme = seeded_programme(&app).await;
        let measure = app.get("/api/v1/measures?code=1.7").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let draft = json!({
            "title": {"uk": "Прийом учнів з міста-побратима"},
            "kind": "youth_exchange",
            "start_date": "2024-11-05",
            "measure_ids": [measure]
        });
        app.post("/api/v1/activities", Role::Editor, &draft).await.expect(201);
        let path = format!("/api/v1/programmes/{programme}/reports/2024");
        let official = app.get(&path).await.expect(200);
        assert_eq!(official["sections"][0]["measures"][6]["none_text"], "Заходи не здійснювались.");
        assert_eq!(official["includes_drafts"], false);
        app.get(&format!("{path}?include=drafts")).await.expect_problem(401, "missing_token");
        app.get_as(&format!("{path}?include=drafts"), Role::Viewer).await.expect_problem(403, "forbidden");
        let preview = app.get_as(&format!("{path}?include=drafts"), Role::Editor).await.expect(200);
        assert_eq!(preview["includes_drafts"], true);
        let entry = &preview["sections"][0]["measures"][6]["entries"][0];
        assert_eq!(entry["date_phrase"], "05 листопада 2024 року");
        assert_eq!(entry["publication"], "draft");
    }
}

db_test! {
    async fn bad_report_requests(app) {
        let programme = seeded_programme(&app).await;
        let path = format!("/api/v1/programmes/{programme}/reports");
        app.get(&format!("{path}/2026")).await.expect_problem(404, "not_found");
        app.get(&format!("{path}/twenty")).await.expect_problem(400, "invalid_path");
        app.get(&format!("{path}/2024?format=pdf")).await.expect_problem(400, "invalid_query");
        app.get(&format!("{path}/2024?lang=de")).await.expect_problem(400, "invalid_query");
        app.get(&format!("{path}/2024?include=everything")).await.expect_problem(400, "invalid_query");
        app.get(&format!("{path}/2024?colour=red")).await.expect_problem(400, "invalid_query");
        let response = app.call_with_headers(reqwest::Method::GET, &format!("{path}/2024"), &[("accept", "image/png")], None).await;
        response.expect_problem(406, "not_acceptable");
        app.get("/api/v1/programmes/00000000-0000-0000-0000-000000000000/reports/2024").await.expect_problem(404, "not_found");
    }
}

db_test! {
    async fn the_word_report_is_a_document_with_the_table(app) {
        let programme = seeded_programme(&app).await;
        let path = format!("/api/v1/programmes/{programme}/reports/2024?format=docx");
        let response = app.client_get_bytes(&path).await;
        assert_eq!(response.0, 200);
        assert_eq!(response.1, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(response.2)).expect("the DOCX is a zip");
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
            assert!(archive.by_name(part).is_ok(), "the DOCX lacks {part}");
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut tables, mut rows) = (0, 0);
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("document.xml is not well-formed: {e}")) {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"w:tbl" => tables += 1,
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"w:tr" => rows += 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!((tables, rows), (1, 1 + 2 + 18), "one table: a header row, two section rows, 18 measure rows");
        for text in ["Зміст заходу", "Заходи не здійснювались.", "26 січня 2024 року", "Наталія САХАРОВА", "w:orient=\"landscape\""] {
            assert!(xml.contains(text), "document.xml lacks '{text}'");
        }
    }
}

db_test! {
    async fn checks_find_slips_gaps_and_near_duplicates(app) {
        let programme = seeded_programme(&app).await;
        let path = format!("/api/v1/programmes/{programme}/reports/2024/checks");
        app.get(&path).await.expect_problem(401, "missing_token");
        let clean = app.get_as(&path, Role::Viewer).await.expect(200);
        let codes: Vec<&str> = clean["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
        assert!(!codes.contains(&"activity_outside_programme_years"), "{codes:?}");
        assert!(!codes.contains(&"similar_partner_names"), "the dataset keeps one partner per body: {}", clean["findings"]);
        let empty: Vec<&str> = clean["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "measure_without_activity")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        assert_eq!(empty.len(), 2, "1.7 and 1.9: {empty:?}");

        let measure = app.get("/api/v1/measures?code=1.2").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let slip = json!({
            "title": {"uk": "Друга конференція «Ведення бізнесу в Україні»"},
            "kind": "conference",
            "start_date": "2014-09-25",
            "measure_ids": [measure]
        });
        let slip = app.post("/api/v1/activities", Role::Editor, &slip).await.expect(201);
        let twin = app.partner("Anton Hearing KG", "Anton Hearing KG", "business", "DE").await;
        let meeting = json!({"title": {"uk": "Зустріч"}, "kind": "meeting", "start_date": "2024-02-02", "measure_ids": [measure]});
        let meeting = app.post("/api/v1/activities", Role::Editor, &meeting).await.expect(201);

        let findings = app.get_as(&path, Role::Viewer).await.expect(200)["findings"].as_array().unwrap().clone();
        let find = |code: &str, id: &str| findings.iter().any(|f| f["code"] == code && (f["record_id"] == id || f["related_id"] == id));
        assert!(find("activity_outside_programme_years", slip["id"].as_str().unwrap()), "{findings:?}");
        assert!(find("similar_partner_names", &twin), "{findings:?}");
        assert!(find("activity_without_partner", meeting["id"].as_str().unwrap()), "{findings:?}");
        assert_eq!(findings[0]["severity"], "warning", "warnings come first");
    }
}

db_test! {
    async fn the_years_figures(app) {
        let programme = seeded_programme(&app).await;
        let summary = app.get(&format!("/api/v1/programmes/{programme}/reports/2024/summary")).await.expect(200);
        let activities = app.get("/api/v1/activities?year=2024&limit=1").await.expect(200)["total"].clone();
        assert_eq!(summary["activities"], activities);
        let by_measure = summary["by_measure"].as_array().unwrap();
        assert_eq!(by_measure.len(), 18);
        assert_eq!(by_measure[0], json!({"key": "1.1", "count": 6}));
        assert_eq!(by_measure[6], json!({"key": "1.7", "count": 0}));
        let months: usize = summary["by_month"].as_array().unwrap().iter().map(|c| c["count"].as_u64().unwrap() as usize).sum();
        assert_eq!(Value::from(months), activities, "each activity counts in one month or as undated");
        assert_eq!(summary["by_month"][12]["key"], "undated");
        assert_eq!(summary["grants_by_currency"], json!([{"currency": "EUR", "total": "654800.00", "grants": 1}]));
        assert!(summary["by_country"][0]["count"].as_u64().unwrap() > 0);
        assert!(summary["partners_by_kind"].as_array().unwrap().iter().any(|c| c["key"] == "solidarity_partner" && c["count"] == 2));

        let html = app.get(&format!("/api/v1/programmes/{programme}/reports/2024?format=html")).await;
        assert!(html.text.contains("<svg") && html.text.contains("Заходи за місяцями"), "the HTML report draws the months");
    }
}

db_test! {
    async fn withdrawn_activities_stay_out_of_the_report_and_its_preview(app) {
        let programme = seeded_programme(&app).await;
        let path = format!("/api/v1/programmes/{programme}/reports/2024");
        let before = app.get(&path).await.expect(200)["sections"][1]["measures"][1]["entries"].as_array().unwrap().len();
        assert_eq!(before, 1, "2.2 has the souvenir purchases");
        let measure = app.get("/api/v1/measures?code=2.2").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let activity = app.get(&format!("/api/v1/activities?measure_id={measure}")).await.expect(200)["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let withdrawn = app.call(reqwest::Method::POST, &format!("/api/v1/activities/{activity}/withdraw"), Some(Role::Publisher), None).await;
        assert_eq!(withdrawn.expect(200)["publication"], "withdrawn");
        for (caller, query) in [(None, ""), (Some(Role::Editor), "?include=drafts")] {
            let report = app.call(reqwest::Method::GET, &format!("{path}{query}"), caller, None).await.expect(200);
            let measure = &report["sections"][1]["measures"][1];
            assert_eq!(measure["code"], "2.2");
            assert!(measure["entries"].as_array().unwrap().is_empty(), "{query}");
            assert_eq!(measure["none_text"], "Заходи не здійснювались.");
        }
    }
}
