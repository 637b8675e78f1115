use intercoop_tests::{Role, db_test};
use serde_json::json;

db_test! {
    async fn the_undp_grant_keeps_its_exact_amount(app) {
        let f = app.programme_fixture().await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        let body = json!({
            "donor_id": undp,
            "instrument": "SRER",
            "project_title": {"uk": "Формування інноваційного бізнес-середовища", "en": "Proskuriv business hall"},
            "amount": "654800",
            "currency": "EUR",
            "status": "completed",
            "awarded_on": "2024-03-01",
            "measure_ids": [f.measure("1.3")]
        });
        let created = app.post("/api/v1/grants", Role::Editor, &body).await.expect(201);
        assert_eq!(created["amount"], "654800.00");
        assert_eq!(created["currency"], "EUR");
        assert_eq!(created["measure_ids"], json!([f.measure("1.3")]));
        let path = format!("/api/v1/grants/{}", created["id"].as_str().unwrap());
        app.get(&path).await.expect_problem(404, "not_found");
        let created = app.publish(&path).await;
        assert_eq!(app.get(&path).await.expect(200), created);
        assert_eq!(app.get("/api/v1/grants?currency=EUR&year=2024").await.expect(200)["total"], 1);
        assert_eq!(app.get(&format!("/api/v1/grants?donor_id={undp}")).await.expect(200)["total"], 1);
        assert_eq!(app.get("/api/v1/grants?q=srer").await.expect(200)["total"], 1);

        for (amount, currency, field) in [("654,8", "EUR", "amount"), ("-5", "EUR", "amount"), ("1.5", "JPY", "amount"), ("1", "XYZ", "currency")] {
            let mut bad = body.clone();
            bad["amount"] = json!(amount);
            bad["currency"] = json!(currency);
            let response = app.post("/api/v1/grants", Role::Publisher, &bad).await;
            response.expect_problem(422, "validation_failed");
            assert_eq!(response.error_fields(), [field], "{amount} {currency}");
        }
        let mut bad = body.clone();
        bad["donor_id"] = json!("00000000-0000-0000-0000-000000000000");
        let response = app.post("/api/v1/grants", Role::Publisher, &bad).await;
        assert_eq!(response.error_fields(), ["donor_id"]);
        assert_eq!(app.count_rows("grants").await, 1);
        app.delete(&format!("/api/v1/partners/{undp}"), Role::Admin).await.expect_problem(409, "in_use");
    }
}

db_test! {
    async fn a_memorandum_between_a_partner_and_a_local_body(app) {
        let f = app.programme_fixture().await;
        let silistra = app.partner("Сілістра", "Silistra", "twin_city", "BG").await;
        let body = json!({
            "kind": "memorandum",
            "title": {"uk": "Меморандум про співробітництво в галузі культури"},
            "parties": [
                {"name": {"uk": "управління культури і туризму Хмельницької міської ради"}},
                {"partner_id": silistra}
            ],
            "signed_on": "2024-09-14",
            "status": "in_force",
            "measure_ids": [f.measure("1.1")]
        });
        let created = app.post("/api/v1/agreements", Role::Editor, &body).await.expect(201);
        let created = app.publish(&format!("/api/v1/agreements/{}", created["id"].as_str().unwrap())).await;
        assert_eq!(created["parties"][1]["partner_id"], silistra.as_str());
        assert_eq!(app.get(&format!("/api/v1/agreements?partner_id={silistra}")).await.expect(200)["total"], 1);
        assert_eq!(app.get("/api/v1/agreements?year=2024&kind=memorandum").await.expect(200)["total"], 1);
        app.delete(&format!("/api/v1/partners/{silistra}"), Role::Admin).await.expect_problem(409, "in_use");

        let bad = json!({
            "kind": "memorandum",
            "title": {"uk": "Меморандум"},
            "parties": [{"partner_id": silistra, "name": {"uk": "обидва"}}, {"partner_id": "00000000-0000-0000-0000-000000000000"}],
            "status": "in_force"
        });
        let response = app.post("/api/v1/agreements", Role::Editor, &bad).await;
        response.expect_problem(422, "validation_failed");
        let mut fields = response.error_fields();
        fields.sort();
        assert_eq!(fields, ["parties[0]"], "content rules are checked before references");
        let bad = json!({"kind": "memorandum", "title": {"uk": "М"}, "parties": [{"partner_id": silistra}, {"partner_id": "00000000-0000-0000-0000-000000000000"}], "status": "in_preparation"});
        let response = app.post("/api/v1/agreements", Role::Editor, &bad).await;
        assert_eq!(response.error_fields(), ["parties[1].partner_id"]);
        assert_eq!(app.count_rows("agreements").await, 1);
    }
}
