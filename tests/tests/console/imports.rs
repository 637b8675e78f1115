//! Importing an earlier report in the console: upload, the proposal, applying it once; mistakes named beside
//! their fields.

use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024};
use intercoop_tests::{Console, Part, account, db_test};

const REFERENCE: &str = include_str!("../../fixtures/programme-report-2024.uk.txt");

/// The 2024 programme without its activities, grants and agreements.
fn structure_only() -> String {
    let mut dataset: serde_json::Value = serde_json::from_str(KHMELNYTSKYI_2024).unwrap();
    for key in ["activities", "grants", "agreements"] {
        dataset[key] = serde_json::json!([]);
    }
    dataset.to_string()
}

db_test! {
    async fn a_report_is_uploaded_read_and_applied_once(app) {
        seed::load(&app.db, &structure_only()).await.unwrap();
        account(&app.db, "olena", "editor", Some("управління економіки")).await;
        let console = Console::signed_in(&app, "olena").await;
        let form = console.get("/console/imports").await.expect(200);
        let csrf = form.csrf();

        let without_year = [Part::value("csrf", &csrf), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        let page = console.post_multipart("/console/imports", &without_year).await.expect(422);
        assert_eq!(page.field_error("year").as_deref(), Some("Це поле обов'язкове."));
        let not_a_report = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "notes.txt", b"nothing of a report")];
        let page = console.post_multipart("/console/imports", &not_a_report).await.expect(422);
        assert!(page.field_error("file").is_some(), "{}", page.body);
        let forged = [Part::value("csrf", "forged"), Part::value("year", "2024"), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        console.post_multipart("/console/imports", &forged).await.expect(403);
        assert_eq!(app.count_rows("report_imports").await, 0);

        let good = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        let uploaded = console.post_multipart("/console/imports", &good).await.expect(303);
        let path = uploaded.location.clone().unwrap();
        let proposal = console.get(&path).await.expect(200);
        assert!(proposal.body.contains("Нових заходів: "), "{}", proposal.body);
        assert!(proposal.body.contains("нова чернетка"));
        let version = proposal.input("version").unwrap();
        let applied = console.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await.expect(303);
        assert!(applied.location.as_deref().unwrap().ends_with("?done=applied"));
        let drafts = app.count_rows("activities").await;
        assert!(drafts >= 60, "the report's activities are drafts now: {drafts}");
        let again = console.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await;
        assert!(again.status == 409 || again.status == 412, "a second apply is refused: {}", again.status);
        assert_eq!(app.count_rows("activities").await, drafts, "nothing twice");
        let list = console.get("/console/imports").await.expect(200);
        assert!(list.body.contains("report.txt") && list.body.contains("застосовано"));
    }
}

const SMALL: &str = "№\tЗміст заходу\tВиконання заходів\n\
    1.1\tЗахід один\t<p>05 березня 2024 року відбулася зустріч з делегацією міста Жешув.</p>\n\
    1.3\tЗахід три\t<p>16 квітня 2024 року проведено форум.</p>\n\
    9.9\tНевідомий\t<p>20 травня 2024 року відбулася конференція.</p>\n";

db_test! {
    async fn the_proposal_is_corrected_previewed_and_applied(app) {
        app.programme_fixture().await;
        account(&app.db, "olena", "editor", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/imports").await.expect(200).csrf();
        let parts = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "report.txt", SMALL.as_bytes())];
        let path = console.post_multipart("/console/imports", &parts).await.expect(303).location.unwrap();
        let proposal = console.get(&path).await.expect(200);
        assert_eq!(proposal.input("measure_2").as_deref(), Some("9.9"));
        let version = proposal.input("version").unwrap();
        let apply = format!("{}/apply", path.split('?').next().unwrap());
        let base = [("csrf", csrf.as_str()), ("version", version.as_str()), ("index", "0"), ("index", "1"), ("index", "2"), ("keep", "1"), ("keep", "2")];

        // Still under a measure the programme lacks: refused beside its row, the typed title kept.
        let mut fields = base.to_vec();
        fields.extend([("measure_2", "9.9"), ("title_2", "Міжнародна конференція"), ("action", "apply")]);
        let refused = console.post(&apply, &fields).await.expect(422);
        assert!(refused.body.contains("id=\"error_2\""), "{}", refused.body);
        assert_eq!(refused.input("title_2").as_deref(), Some("Міжнародна конференція"));
        assert_eq!(app.count_rows("activities").await, 0);

        // A preview shows the outcome and creates nothing.
        let mut fields = base.to_vec();
        fields.extend([("measure_2", "1.3"), ("title_2", "Міжнародна конференція"), ("kind_2", "conference"), ("action", "preview")]);
        let preview = console.post(&apply, &fields).await.expect(200);
        assert!(preview.body.contains("пропущено") && preview.body.contains("виправлено вручну"), "{}", preview.body);
        assert!(preview.body.contains("Нових заходів: 2"), "{}", preview.body);
        assert_eq!(app.count_rows("activities").await, 0);

        fields.retain(|(k, _)| *k != "action");
        fields.push(("action", "apply"));
        console.post(&apply, &fields).await.expect(303);
        assert_eq!(app.count_rows("activities").await, 2, "the event left out is not created");
        let drafts = app.get_as("/api/v1/activities?q=%D0%BA%D0%BE%D0%BD%D1%84%D0%B5%D1%80%D0%B5%D0%BD%D1%86%D1%96%D1%8F", intercoop_tests::Role::Viewer).await.expect(200);
        assert_eq!(drafts["items"][0]["title"]["uk"], "Міжнародна конференція", "{drafts}");
        assert_eq!(drafts["items"][0]["kind"], "conference");
    }
}

db_test! {
    async fn the_first_report_into_an_empty_install_brings_its_programme(app) {
        account(&app.db, "olena", "editor", None).await;
        account(&app.db, "admin", "admin", None).await;
        let console = Console::signed_in(&app, "olena").await;
        let csrf = console.get("/console/imports").await.expect(200).csrf();
        let good = [Part::value("csrf", &csrf), Part::value("year", "2024"), Part::file("file", "report.txt", REFERENCE.as_bytes())];
        let path = console.post_multipart("/console/imports", &good).await.expect(303).location.unwrap();
        let proposal = console.get(&path).await.expect(200);
        assert!(proposal.body.contains("Нова програма (буде створено під час застосування)"), "{}", proposal.body);
        assert!(proposal.body.contains("Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки (2021–2025)"));
        assert!(proposal.body.contains("<h3>II. Промоція міста</h3>"));
        assert!(proposal.body.contains("<li>2.2 Придбання презентаційної, сувенірної та іміджевої продукції</li>"));
        assert!(proposal.body.contains("<option value=\"2.6\">"), "the measure inputs suggest the new programme's codes");

        // An editor cannot create a programme: the apply is refused and creates nothing.
        let version = proposal.input("version").unwrap();
        let refused = console.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert_eq!(app.count_rows("programmes").await, 0);

        let admin = Console::signed_in(&app, "admin").await;
        let csrf = admin.get("/console/imports").await.expect(200).csrf();
        admin.post(&format!("{path}/apply"), &[("csrf", &csrf), ("version", &version)]).await.expect(303);
        assert_eq!(app.count_rows("programmes").await, 1);
        assert_eq!(app.count_rows("measures").await, 18);
        assert!(app.count_rows("activities").await >= 60);
        let programme = admin.get("/console/programme").await.expect(200);
        assert!(programme.body.contains("Придбання презентаційної, сувенірної та іміджевої продукції"), "{}", programme.body);
    }
}
