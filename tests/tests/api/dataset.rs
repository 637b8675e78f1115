use intercoop_persistence::seed::{self, KHMELNYTSKYI_2024, SeedError};
use intercoop_tests::{TestApp, db_test};
use serde_json::Value;

async fn seeded(app: &TestApp) -> Value {
    let summary = seed::load(&app.db, KHMELNYTSKYI_2024).await.expect("the dataset loads");
    assert_eq!((summary.programmes, summary.sections, summary.measures), (1, 2, 18));
    assert_eq!((summary.grants, summary.agreements), (1, 5));
    assert!(summary.activities >= 60, "{summary:?}");
    let programmes = app.get("/api/v1/programmes").await.expect(200);
    programmes["items"][0].clone()
}

fn codes_of(activity: &Value) -> Vec<String> {
    activity["measures"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap().to_owned()).collect()
}

db_test! {
    async fn the_2024_programme_loads_with_every_measure_in_order(app) {
        let programme = seeded(&app).await;
        assert_eq!(programme["first_year"], 2021);
        let detail = app.get(&format!("/api/v1/programmes/{}", programme["id"].as_str().unwrap())).await.expect(200);
        let codes: Vec<&str> = detail["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["measures"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()))
            .collect();
        let expected: Vec<String> =
            (1..=12).map(|i| format!("1.{i}")).chain((1..=6).map(|i| format!("2.{i}"))).collect();
        assert_eq!(codes, expected);
        assert_eq!(detail["sections"][0]["title"]["uk"], "Міжнародне співробітництво");
        assert_eq!(
            detail["sections"][0]["measures"][5]["title"]["uk"],
            "Обмін досвідом з іншими містами України"
        );
    }
}

db_test! {
    async fn events_the_report_names_twice_are_one_activity_under_both_measures(app) {
        seeded(&app).await;
        let june = app.get("/api/v1/activities?from=2024-06-21&to=2024-06-21").await.expect(200);
        assert_eq!(june["total"], 1);
        assert_eq!(codes_of(&june["items"][0]), ["1.1", "1.3"]);
        let names: Vec<&str> =
            june["items"][0]["partner_details"].as_array().unwrap().iter().map(|p| p["name"]["en"].as_str().unwrap()).collect();
        assert_eq!(names, ["Delegation of the European Union to Ukraine", "Nordic Environment Finance Corporation"]);
        let october = app.get("/api/v1/activities?from=2024-10-01&to=2024-10-01").await.expect(200);
        assert_eq!(october["total"], 1);
        assert_eq!(codes_of(&october["items"][0]), ["1.1", "1.10"]);
        let usaid = app.get("/api/v1/partners?q=uaid").await.expect(200);
        assert_eq!(usaid["total"], 1, "UAID is an alias of USAID");
        assert_eq!(app.get("/api/v1/partners?q=naering").await.expect(200)["total"], 1);
    }
}

db_test! {
    async fn measures_without_activities_and_the_grant(app) {
        seeded(&app).await;
        for (code, expected) in [("1.7", 0), ("1.9", 0), ("1.1", 6), ("2.2", 1)] {
            let measure = app.get(&format!("/api/v1/measures?code={code}")).await.expect(200);
            let id = measure["items"][0]["id"].as_str().unwrap();
            let activities = app.get(&format!("/api/v1/activities?measure_id={id}")).await.expect(200);
            assert_eq!(activities["total"], expected, "measure {code}");
        }
        let grants = app.get("/api/v1/grants").await.expect(200);
        assert_eq!(grants["items"][0]["amount"], "654800.00");
        assert_eq!(grants["items"][0]["currency"], "EUR");
        let prague6 = app.get("/api/v1/partners?q=%D0%9F%D1%80%D0%B0%D0%B3%D0%B0%206").await.expect(200);
        assert_eq!(prague6["total"], 1);
        assert!(prague6["items"][0]["parent_id"].is_string(), "Prague 6 is within Prague");
    }
}

db_test! {
    async fn a_dataset_never_loads_into_a_database_with_data(app) {
        let first = seeded(&app).await;
        assert!(matches!(seed::load(&app.db, KHMELNYTSKYI_2024).await, Err(SeedError::NotEmpty)));
        assert_eq!(app.count_rows("programmes").await, 1);
        let other = TestApp::spawn(intercoop_tests::Backend::Sqlite).await;
        let again = seeded(&other).await;
        assert_eq!(again["id"], first["id"], "the same dataset gives the same ids");
    }
}

db_test! {
    async fn a_broken_dataset_loads_nothing(app) {
        let mut dataset: Value = serde_json::from_str(KHMELNYTSKYI_2024).unwrap();
        dataset["activities"][3]["measures"] = serde_json::json!(["1.99"]);
        let result = seed::load(&app.db, &dataset.to_string()).await;
        assert!(matches!(result, Err(SeedError::Invalid(ref m)) if m.contains("1.99")), "{result:?}");
        assert_eq!(app.count_rows("programmes").await, 0);
        assert_eq!(app.count_rows("partners").await, 0);
    }
}
