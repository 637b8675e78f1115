//! The report in the console: the year's checks with links to the records to fix, the preview as filed (drafts
//! only on request), and the downloads.

use intercoop_tests::{Console, account, db_test};

db_test! {
    async fn the_report_page_checks_previews_and_downloads(app) {
        let fixture = app.programme_fixture().await;
        let published = app
            .create_published(
                "/api/v1/activities",
                &serde_json::json!({"title": {"uk": "Опублікований захід"}, "kind": "meeting", "start_date": "2024-03-04", "measure_ids": [fixture.measure("1.1")]}),
            )
            .await;
        let draft = app
            .create(
                "/api/v1/activities",
                &serde_json::json!({"title": {"uk": "Чернетка заходу"}, "description": {"uk": "Чернетка заходу, ще не опублікована."}, "kind": "meeting", "start_date": "2024-05-06", "measure_ids": [fixture.measure("1.2")]}),
            )
            .await;
        account(&app.db, "publisher", "publisher", None).await;
        let console = Console::signed_in(&app, "publisher").await;
        let page = console.get("/console/report?year=2024").await.expect(200);
        assert!(page.body.contains("Звіт за 2024 рік"));
        assert!(page.body.contains("/console/activities?measure="), "a finding about a measure links to its activities");
        assert!(page.body.contains("не має жодної діяльності"), "the findings in Ukrainian");
        console.get("/console/language/en?back=/console/report").await.expect(303);
        let english = console.get("/console/report?year=2024").await.expect(200);
        assert!(english.body.contains("has no activity in 2024"), "and in English: {}", english.body);
        console.get("/console/language/uk?back=/console/report").await.expect(303);
        let preview = console.get("/console/report/2024/preview").await.expect(200);
        assert!(preview.body.contains("Опублікований захід") || preview.body.contains(published["id"].as_str().unwrap()));
        assert!(!preview.body.contains("Чернетка заходу"), "the report as filed holds no drafts");
        assert!(!preview.body.contains("<script"));
        let with_drafts = console.get("/console/report/2024/preview?drafts=1").await.expect(200);
        assert!(with_drafts.body.contains("Чернетка заходу"), "{}", draft["id"]);
        let (status, content_type, bytes) = console.download("/console/report/2024/download/docx?lang=uk").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assert!(bytes.starts_with(b"PK"), "a DOCX is a zip");
        let (status, _, csv) = console.download("/console/report/2024/download/csv").await;
        assert_eq!(status, 200);
        assert!(String::from_utf8(csv).unwrap().starts_with("section,"));
        console.get("/console/report/2024/download/exe").await.expect(404);
        let none = console.get("/console/report?year=1999").await.expect(200);
        assert!(none.body.contains("role=\"alert\""), "a year without a programme says so");
    }
}
