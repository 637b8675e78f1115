//! Grants and agreements in the console: the lists, the forms with their errors beside the fields (from the API's
//! checks), the version rule, and their review, over the same operations as the API.

use intercoop_tests::{Console, Role, account, db_test};
use serde_json::json;

fn id_in(location: &str, collection: &str) -> String {
    location.trim_start_matches(&format!("/console/{collection}/")).split('?').next().unwrap().to_owned()
}

db_test! {
    async fn an_editor_records_a_grant_and_an_agreement(app) {
        let fixture = app.programme_fixture().await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "international_organisation", "UA").await;
        account(&app.db, "olena", "editor", Some("управління економіки")).await;
        let console = Console::signed_in(&app, "olena").await;
        let new = console.get("/console/grants/new").await.expect(200);
        assert!(new.body.contains(&format!("value=\"{undp}\"")), "the donor is offered");
        let csrf = new.csrf();
        let measure = fixture.measure("1.3");
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("donor_id", undp.as_str()),
            ("project_title_uk", "Проскурів бізнес-хол"),
            ("amount", "654 800,505"),
            ("currency", "eur"),
            ("status", "completed"),
            ("applied_on", "2024-03-01"),
            ("awarded_on", "2024-02-01"),
            ("measure_ids", measure),
        ];
        let refused = console.post("/console/grants", &fields).await.expect(422);
        assert!(refused.field_error("amount").is_some(), "a euro amount has two decimals at most");
        assert!(refused.field_error("awarded_on").is_some(), "awarded before applied");
        assert_eq!(refused.input("project_title_uk").as_deref(), Some("Проскурів бізнес-хол"));
        assert_eq!(app.count_rows("grants").await, 0);
        fields.retain(|(k, _)| !matches!(*k, "amount" | "awarded_on"));
        fields.extend([("amount", "654 800,50"), ("awarded_on", "2024-04-01")]);
        let saved = console.post("/console/grants", &fields).await.expect(303);
        let grant = id_in(saved.location.as_deref().unwrap(), "grants");
        let stored = app.get_as(&format!("/api/v1/grants/{grant}"), Role::Viewer).await.expect(200);
        assert_eq!((stored["amount"].as_str(), stored["currency"].as_str()), (Some("654800.50"), Some("EUR")));
        assert_eq!(stored["owner_unit"], "управління економіки");
        assert_eq!(stored["measure_ids"], json!([measure]));
        let list = console.get("/console/grants?q=%D0%B1%D1%96%D0%B7%D0%BD%D0%B5%D1%81").await.expect(200);
        assert!(list.body.contains("Проскурів бізнес-хол") && list.body.contains("1 грант"));

        let page = console.get(&format!("/console/grants/{grant}")).await.expect(200);
        let mut change = fields.clone();
        change.retain(|(k, _)| *k != "project_title_uk");
        change.extend([("project_title_uk", "Проскурів бізнес-хол (ІІ черга)"), ("version", "1")]);
        console.post(&format!("/console/grants/{grant}"), &change).await.expect(303);
        let stale = console.post(&format!("/console/grants/{grant}"), &change).await.expect(412);
        assert!(stale.body.contains("conflict-heading"), "a save over a newer version shows what is stored");
        let done = console.post(&format!("/console/grants/{grant}/submit"), &[("csrf", &page.csrf()), ("version", "2")]).await.expect(303);
        assert!(done.location.unwrap().ends_with("?done=submit"));
        assert_eq!(app.get_as(&format!("/api/v1/grants/{grant}"), Role::Viewer).await.expect(200)["publication"], "submitted");
        let waiting = console.get("/console/").await.expect(200);
        let section = waiting.body.split("submitted-heading").nth(3).unwrap().split("</section>").next().unwrap().to_owned();
        assert!(section.contains("Проскурів бізнес-хол (ІІ черга)") && section.contains("грант"), "{section}");

        let csrf = console.get("/console/agreements/new").await.expect(200).csrf();
        let one_party = [
            ("csrf", csrf.as_str()),
            ("kind", "memorandum"),
            ("title_uk", "Меморандум про співпрацю з ПРООН"),
            ("status", "in_force"),
            ("signed_on", "2024-05-14"),
            ("other_parties", ""),
            ("party_ids", undp.as_str()),
        ];
        let refused = console.post("/console/agreements", &one_party).await.expect(422);
        assert!(refused.field_error("other_parties").unwrap().contains("дві сторони"), "{}", refused.body);
        let mut two = one_party.to_vec();
        two[5] = ("other_parties", "Хмельницька міська рада | Khmelnytskyi City Council");
        let saved = console.post("/console/agreements", &two).await.expect(303);
        let agreement = id_in(saved.location.as_deref().unwrap(), "agreements");
        let stored = app.get_as(&format!("/api/v1/agreements/{agreement}"), Role::Viewer).await.expect(200);
        assert_eq!(stored["parties"][0]["partner_id"], undp.as_str());
        assert_eq!(stored["parties"][1]["name"], json!({"uk": "Хмельницька міська рада", "en": "Khmelnytskyi City Council"}));
        let page = console.get(&format!("/console/agreements/{agreement}")).await.expect(200);
        assert!(page.body.contains("Хмельницька міська рада | Khmelnytskyi City Council"), "the form reads back as stored");
        assert!(console.get("/console/agreements").await.body.contains("Меморандум про співпрацю з ПРООН"));
        assert!(console.get(&format!("/console/agreements/{agreement}/history")).await.expect(200).body.contains("створено"));
    }
}
