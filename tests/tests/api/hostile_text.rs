//! Text that would break a document or run in a spreadsheet: control characters are refused at the edge and never
//! written into XML, and CSV cells that a spreadsheet would read as formulas are defused.

use intercoop_domain::text::is_forbidden_char;
use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Role, db_test};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

db_test! {
    async fn control_characters_are_refused_naming_the_field(app) {
        for text in ["Люб\u{1}лін", "Люблін\u{1f}", "Lublin\u{ffff}", "\u{b}Люблін", "Люб\u{0}лін"] {
            let body = json!({"name": {"uk": "Люблін", "en": text}, "kind": "twin_city", "country": "PL"});
            let response = app.post("/api/v1/partners", Role::Editor, &body).await;
            response.expect_problem(422, "validation_failed");
            assert_eq!(response.error_fields(), ["name.en"], "{text:?}");
        }
        let response = app.post("/api/v1/partners", Role::Editor, &json!({"name": {"uk": "A\u{7}"}, "kind": "ngo"})).await;
        assert_eq!(response.json()["errors"][0]["code"], "control_character");
        assert_eq!(app.count_rows("partners").await, 0);
        for query in ["q=%0F", "q=a%EF%BF%BFb", "q=%00"] {
            let response = app.get(&format!("/api/v1/agreements?{query}")).await;
            assert_eq!(response.expect_problem(400, "invalid_query")["errors"][0]["field"], "q", "{query}");
        }
        let kept = json!({"name": {"uk": "Люблін\tмісто\r\nпобратим"}, "kind": "twin_city", "country": "PL"});
        app.post("/api/v1/partners", Role::Editor, &kept).await.expect(201);
    }
}

db_test! {
    async fn the_word_report_holds_no_control_character_whatever_is_stored(app) {
        seed::load(&app.db, KHMELNYTSKYI_2024).await.unwrap();
        let programme = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let conn = app.db.connection();
        let sql = r#"UPDATE measures SET title = '{"uk": "Бізнес\u0001форум\u001f", "en": "Business\u000bforum"}'"#;
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
        let path = format!("/api/v1/programmes/{programme}/reports/2024?format=docx");
        let (status, _, bytes) = app.client_get_bytes(&path).await;
        assert_eq!(status, 200);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains("Бізнесфорум"), "the measure's title, without its control characters");
        assert!(!xml.chars().any(is_forbidden_char), "document.xml holds a character XML forbids");
        let html = app.get(&format!("/api/v1/programmes/{programme}/reports/2024?format=html")).await;
        assert!(html.text.contains("Бізнесфорум") && !html.text.chars().any(is_forbidden_char));
    }
}

db_test! {
    async fn csv_cells_that_would_be_formulas_are_defused(app) {
        let names = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"];
        for name in names {
            app.create_published("/api/v1/partners", &json!({"name": {"uk": name}, "kind": "ngo", "coordinates": {"latitude": -12.5, "longitude": 30.1}})).await;
        }
        let (status, _, body) = app.client_get_bytes("/open-data/v1/partners.csv").await;
        assert_eq!(status, 200);
        let mut reader = csv::Reader::from_reader(body.as_slice());
        let cells: Vec<String> = reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect();
        for name in names {
            assert!(cells.contains(&format!("'{name}")), "{name} is written defused: {cells:?}");
            assert!(!cells.contains(&name.to_owned()), "{name} is not written as it is");
        }
        assert!(!cells.iter().any(|c| c.starts_with(['=', '+', '@']) || (c.starts_with('-') && c.parse::<f64>().is_err())));
        let package = app.get("/open-data/v1/datapackage.json").await.expect(200);
        for resource in package["resources"].as_array().unwrap() {
            assert!(resource["description"].as_str().unwrap().contains("apostrophe"), "{}", resource["name"]);
        }
    }
}
