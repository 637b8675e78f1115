//! `POST /api/v1/imports`: an editor uploads an earlier report, reviews the proposal, and applies it.

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Part, Role, db_test};
use reqwest::Method;
use serde_json::Value;

use crate::import::structure_only;
use crate::reports::REFERENCE;

pub(crate) async fn upload(app: &intercoop_tests::TestApp, bytes: &[u8], year: &str) -> intercoop_tests::TestResponse {
    let token = app.token(Role::Editor);
    app.upload("/api/v1/imports", &token, &[Part::file("file", "report-2024.txt", bytes), Part::value("year", year)])
        .await
}

db_test! {
    async fn an_uploaded_report_is_proposed_then_applied_once(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let response = upload(&app, REFERENCE.as_bytes(), "2024").await;
        let proposal = response.expect(201);
        let location = response.header("location").unwrap().to_owned();
        assert_eq!(location, format!("/api/v1/imports/{}", proposal["id"].as_str().unwrap()));
        assert_eq!(response.header("etag"), Some("\"1\""));
        assert_eq!(proposal["state"], "proposed");
        assert_eq!(proposal["file_name"], "report-2024.txt");
        assert_eq!(proposal["created_by"], "test");
        assert_eq!(proposal["summary"]["measures"], 18);
        let events = proposal["summary"]["dated_events"].as_u64().unwrap();
        assert!(events >= 60, "{events} dated events");
        assert_eq!(proposal["summary"]["new"], events);
        assert_eq!(proposal["activities"].as_array().unwrap().len() as u64, events);
        let slip = proposal["activities"].as_array().unwrap().iter().find(|a| a["start_date"] == "2014-09-25").unwrap();
        assert_eq!(slip["flags"], serde_json::json!(["outside_year"]));
        assert_eq!(slip["measure_code"], "1.2");
        let dresden = proposal["activities"].as_array().unwrap().iter().find(|a| a["start_date"] == "2024-03-04").unwrap();
        assert_eq!(dresden["place"], serde_json::json!({"city": {"uk": "Дрезден", "en": null}, "country": "DE"}));
        assert_eq!(app.count_rows("activities").await, 0, "uploading creates nothing");
        assert_eq!(app.get_as(&location, Role::Viewer).await.status, 403, "imports are for editors");
        assert_eq!(app.get_as(&location, Role::Editor).await.expect(200)["summary"], proposal["summary"]);

        // A stale If-Match applies nothing.
        let stale = app.call_with_headers(Method::POST, &format!("{location}/apply"),
            &[("authorization", &format!("Bearer {}", app.token(Role::Editor))), ("if-match", "\"7\"")], None).await;
        stale.expect_problem(412, "precondition_failed");
        assert_eq!(app.count_rows("activities").await, 0);

        let applied = app.call(Method::POST, &format!("{location}/apply"), Some(Role::Editor), None).await.expect(200);
        assert_eq!(applied["state"], "applied");
        assert_eq!(applied["version"], 2);
        assert_eq!(applied["applied_by"], "test");
        let created = applied["created_activities"].as_array().unwrap();
        assert_eq!(created.len() as u64, events);
        assert_eq!(app.count_rows("activities").await as u64, events);
        assert_eq!(applied["summary"]["existing"], events, "after applying, every event is there");
        let activity = app.get_as(&format!("/api/v1/activities/{}", created[0].as_str().unwrap()), Role::Viewer).await.expect(200);
        assert_eq!(activity["publication"], "draft");
        let history = app.get_as(&format!("/api/v1/activities/{}/history", created[0].as_str().unwrap()), Role::Viewer).await.expect(200);
        assert_eq!(history[0]["actor"], "test", "{history}");

        app.call(Method::POST, &format!("{location}/apply"), Some(Role::Editor), None).await
            .expect_problem(409, "invalid_transition");

        // The same report uploaded again proposes nothing new, and applying it creates nothing.
        let again = upload(&app, REFERENCE.as_bytes(), "2024").await.expect(201);
        assert_eq!(again["summary"]["new"], 0);
        assert_eq!(again["summary"]["existing"], events);
        let path = format!("/api/v1/imports/{}/apply", again["id"].as_str().unwrap());
        let applied_again = app.call(Method::POST, &path, Some(Role::Editor), None).await.expect(200);
        assert_eq!(applied_again["created_activities"], serde_json::json!([]));
        assert_eq!(app.count_rows("activities").await as u64, events);

        let list = app.get_as("/api/v1/imports?state=applied", Role::Editor).await.expect(200);
        assert_eq!(list["total"], 2);
        assert!(list["items"][0].get("activities").is_none(), "the list holds no proposals");
        app.get_as("/api/v1/imports?state=done", Role::Editor).await.expect_problem(400, "invalid_query");

        app.delete(&location, Role::Editor).await.expect(204);
        app.get_as(&location, Role::Editor).await.expect_problem(404, "not_found");
        assert_eq!(app.count_rows("activities").await as u64, events, "discarding an upload keeps its drafts");
    }
}

db_test! {
    async fn a_word_report_uploads_and_an_editors_unit_owns_the_drafts(app) {
        seed::load(&app.db, KHMELNYTSKYI_2024).await.unwrap();
        let programme = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
        let (status, _, docx) = app.client_get_bytes(&format!("/api/v1/programmes/{programme}/reports/2024?format=docx")).await;
        assert_eq!(status, 200);
        let token = app.unit_token(Role::Editor, "управління культури і туризму");
        let parts = [Part::file("file", "звіт-2024.docx", &docx), Part::value("year", "2024"), Part::value("programme_id", &programme)];
        let proposal = app.upload("/api/v1/imports", &token, &parts).await.expect(201);
        assert_eq!(proposal["file_name"], "звіт-2024.docx");
        assert_eq!(proposal["summary"]["measures"], 18);
        assert!(proposal["summary"]["dated_events"].as_u64().unwrap() > 40, "{}", proposal["summary"]);
        // The report was written from these very records, which were not imported: every event is new, and
        // flagged as a possible duplicate of the activity it was written from.
        let events = proposal["summary"]["dated_events"].clone();
        assert_eq!(proposal["summary"]["flagged"], events, "{}", proposal["summary"]);
        assert!(proposal["activities"].as_array().unwrap().iter().all(|a| a["flags"] == serde_json::json!(["possible_duplicate"])));

        // Its text, re-dated to another year, is new; the editor's unit owns the drafts.
        let text = intercoop_operations::imports::docx_text(&docx).unwrap().replace("2024", "2025");
        let parts = [Part::file("file", "2025.txt", text.as_bytes()), Part::value("year", "2025")];
        let proposal = app.upload("/api/v1/imports", &token, &parts).await.expect(201);
        assert!(proposal["summary"]["new"].as_u64().unwrap() > 40, "{}", proposal["summary"]);
        let path = format!("/api/v1/imports/{}/apply", proposal["id"].as_str().unwrap());
        let response = app.call_with_headers(Method::POST, &path, &[("authorization", &format!("Bearer {token}"))], None).await;
        let applied = response.expect(200);
        let first = applied["created_activities"][0].as_str().unwrap();
        let activity = app.get_as(&format!("/api/v1/activities/{first}"), Role::Viewer).await.expect(200);
        assert_eq!(activity["owner_unit"], "управління культури і туризму");
        assert!(activity["start_date"].as_str().unwrap().starts_with("2025"));
    }
}

db_test! {
    async fn bad_uploads_get_problems_naming_what_is_wrong(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let token = app.token(Role::Editor);
        let fields = |r: &intercoop_tests::TestResponse| r.error_fields();

        let json = app.call(Method::POST, "/api/v1/imports", Some(Role::Editor), Some(&serde_json::json!({"year": 2024}))).await;
        json.expect_problem(415, "unsupported_media_type");

        let r = app.upload("/api/v1/imports", &token, &[Part::value("year", "2024")]).await;
        r.expect_problem(422, "validation_failed");
        assert_eq!(fields(&r), ["file"]);

        let r = app.upload("/api/v1/imports", &token, &[Part::file("file", "r.txt", REFERENCE.as_bytes())]).await;
        r.expect_problem(422, "validation_failed");
        assert_eq!(fields(&r), ["year"]);

        for bad in ["twenty", "1066", ""] {
            let r = upload(&app, REFERENCE.as_bytes(), bad).await;
            r.expect_problem(422, "validation_failed");
            assert_eq!(fields(&r), ["year"], "{bad}");
        }

        let r = upload(&app, b"PK\x03\x04 not really a zip", "2024").await;
        let problem = r.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "unreadable");
        let r = upload(&app, &[0xff, 0xfe, 0x00, 0x41], "2024").await;
        assert_eq!(fields(&r), ["file"]);
        // UTF-8, but with NUL characters (which PostgreSQL text cannot hold): refused, not stored.
        let with_nul = format!("{REFERENCE}\0");
        let problem = upload(&app, with_nul.as_bytes(), "2024").await.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "unreadable", "{problem}");
        assert_eq!(app.count_rows("report_imports").await, 0);

        let r = upload(&app, "Шановні колеги! Звіт додається.".as_bytes(), "2024").await;
        let problem = r.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "no_table");

        let r = upload(&app, REFERENCE.as_bytes(), "2030").await;
        let problem = r.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "year");
        assert!(problem["detail"].as_str().unwrap().contains("2030"), "{problem}");

        let parts = [Part::file("file", "r.txt", REFERENCE.as_bytes()), Part::value("year", "2024"),
            Part::value("programme_id", "0190f5a0-0000-7000-8000-00000000dead")];
        let r = app.upload("/api/v1/imports", &token, &parts).await;
        let problem = r.expect_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "unknown_reference");

        let parts = [Part::file("file", "r.txt", REFERENCE.as_bytes()), Part::value("year", "2024"), Part::value("colour", "blue")];
        let r = app.upload("/api/v1/imports", &token, &parts).await;
        r.expect_problem(422, "validation_failed");
        assert_eq!(fields(&r), ["colour"]);

        let big = vec![b'x'; 300 * 1024];
        upload(&app, &big, "2024").await.expect_problem(413, "payload_too_large");

        let broken = app.call_raw_with_headers(Method::POST, "/api/v1/imports",
            &[("authorization", &format!("Bearer {token}"))], "multipart/form-data; boundary=xyz", b"--xyz\r\nnonsense".to_vec()).await;
        broken.expect_problem(422, "validation_failed");

        assert_eq!(app.count_rows("report_imports").await, 0, "no failed upload is kept");
        assert_eq!(app.count_rows("activities").await, 0);
    }
}

db_test! {
    async fn a_city_abroad_that_no_partner_is_becomes_a_draft_partner(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let report = "№\tЗміст заходу\tВиконання заходів\n\
            1.2\tПроведення виїзних робочих зустрічей\t<p>14 травня 2024 року організовано робочий візит до м. Валмієра (Латвія) щодо співпраці.</p> \
            <p>20 травня 2024 року відбулась зустріч з делегацією м. Валмієра (Латвія) у м. Хмельницькому.</p> \
            <p>12 червня 2024 року організовано зустріч у м. Дрездені з міським головою.</p>\n";
        let proposal = upload(&app, report.as_bytes(), "2024").await.expect(201);
        assert_eq!(proposal["summary"]["dated_events"], 3, "{proposal}");
        assert_eq!(proposal["new_partners"], serde_json::json!([{"name": "Валмієра", "country": "LV", "activities": 2}]));
        let activities = proposal["activities"].as_array().unwrap();
        assert_eq!(activities[0]["new_partner"], "Валмієра");
        assert_eq!(activities[2]["new_partner"], Value::Null, "Dresden is a partner: {}", activities[2]);
        assert_eq!(activities[2]["place"]["country"], "DE");
        let partners_before = app.count_rows("partners").await;

        let path = format!("/api/v1/imports/{}/apply", proposal["id"].as_str().unwrap());
        let applied = app.call(Method::POST, &path, Some(Role::Editor), None).await.expect(200);
        assert_eq!(app.count_rows("partners").await, partners_before + 1, "one new partner, once");
        let found = app.get_as("/api/v1/partners?q=Валмієра", Role::Viewer).await.expect(200);
        let partner = &found["items"][0];
        assert_eq!((partner["kind"].as_str(), partner["country"].as_str(), partner["publication"].as_str()), (Some("partner_city"), Some("LV"), Some("draft")));
        for id in applied["created_activities"].as_array().unwrap().iter().take(2) {
            let activity = app.get_as(&format!("/api/v1/activities/{}", id.as_str().unwrap()), Role::Viewer).await.expect(200);
            assert!(activity["partners"].as_array().unwrap().iter().any(|p| p["partner_id"] == partner["id"]), "{activity}");
        }
        assert_eq!(applied["new_partners"], serde_json::json!([]), "nothing left to propose once applied");
    }
}

db_test! {
    async fn an_upload_belongs_to_the_uploaders_unit(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        let culture = app.unit_token(Role::Editor, "управління культури");
        let economy = app.unit_token(Role::Editor, "управління економіки");
        let parts = [Part::file("file", "report-2024.txt", REFERENCE.as_bytes()), Part::value("year", "2024")];
        let uploaded = app.upload("/api/v1/imports", &culture, &parts).await.expect(201);
        assert_eq!(uploaded["owner_unit"], "управління культури");
        let path = format!("/api/v1/imports/{}", uploaded["id"].as_str().unwrap());
        let app = &app;
        let as_economy = |method: Method, path: String| {
            let authorization = format!("Bearer {economy}");
            async move { app.call_with_headers(method, &path, &[("authorization", &authorization)], None).await }
        };
        as_economy(Method::GET, path.clone()).await.expect_problem(403, "forbidden");
        as_economy(Method::POST, format!("{path}/apply")).await.expect_problem(403, "forbidden");
        as_economy(Method::DELETE, path.clone()).await.expect_problem(403, "forbidden");
        assert_eq!(as_economy(Method::GET, "/api/v1/imports".into()).await.expect(200)["total"], 0);
        assert_eq!(app.count_rows("activities").await, 0);
        assert_eq!(app.count_rows("report_imports").await, 1);

        let authorization = format!("Bearer {culture}");
        let listed = app.call_with_headers(Method::GET, "/api/v1/imports", &[("authorization", &authorization)], None).await;
        assert_eq!(listed.expect(200)["total"], 1);
        assert_eq!(app.get_as("/api/v1/imports", Role::Publisher).await.expect(200)["total"], 1);
        app.get_as(&path, Role::Publisher).await.expect(200);
        let applied = app.call_with_headers(Method::POST, &format!("{path}/apply"), &[("authorization", &authorization)], None).await;
        assert_eq!(applied.expect(200)["state"], "applied");
    }
}
