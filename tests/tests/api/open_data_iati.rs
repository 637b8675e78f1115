//! The IATI file: the published activities known to the day and the grants as IATI activities (2.03), with the
//! council as reporting organisation, their partners in their roles, their dates, sectors and money; ETag and 304.
//! CI validates the file against the official XSD and the standard's rules (`.ci/open-data`).

use intercoop_tests::{TestApp, db_test};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::json;

/// An element: its name, attributes and text, and its children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one(&self, name: &str) -> &Element {
        self.children.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no {name} in {}", self.name))
    }

    fn narratives(&self) -> Vec<(Option<&str>, &str)> {
        self.all("narrative").map(|n| (n.attr("xml:lang"), n.text.as_str())).collect()
    }
}

fn parse(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (String::from_utf8(a.key.as_ref().to_vec()).unwrap(), a.unescape_value().unwrap().into_owned())
            })
            .collect(),
        ..Default::default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(open(&e)),
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let text = match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                stack.last_mut().unwrap().text.push_str(text)
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().children.pop().unwrap()
}

async fn iati(app: &TestApp) -> Element {
    let (status, content_type, body) = app.client_get_bytes("/open-data/v1/iati-activities.xml").await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(content_type.starts_with("application/xml"), "{content_type}");
    assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{body}");
    parse(&body)
}

db_test! {
    async fn published_activities_and_grants_are_iati_activities(app) {
        let f = app.programme_fixture().await;
        let lublin = app.partner("Люблін", "Lublin", "twin_city", "PL").await;
        let undp = app.partner("Програма розвитку ООН", "UNDP", "donor", "UA").await;
        let krakow = app.partner("Краків", "Kraków", "partner_city", "PL").await;
        let visit = app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Візит до Любліна & Кракова", "en": "Visit to Lublin"}, "kind": "visit_abroad",
            "start_date": "2024-05-02", "end_date": "2024-05-04", "measure_ids": [f.measure("1.2"), f.measure("1.3")],
            "partners": [{"partner_id": lublin, "role": "host"}, {"partner_id": undp, "role": "funder"},
                {"partner_id": krakow, "role": "participant"}],
            "links": ["https://khm.gov.ua/news/lublin", "https://khm.gov.ua/files/zvit.pdf"]
        })).await;
        let yearly = app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Гуманітарна допомога"}, "kind": "humanitarian_aid", "start_date": "2024-01-01",
            "date_precision": "year", "measure_ids": [f.measure("1.1")]
        })).await;
        app.create("/api/v1/activities", &json!({
            "title": {"uk": "Чернетка"}, "kind": "meeting", "start_date": "2024-06-01", "measure_ids": [f.measure("1.1")]
        })).await;
        let grant = app.create_published("/api/v1/grants", &json!({
            "donor_id": undp, "project_title": {"uk": "Бізнес-хол", "en": "Business hall"}, "amount": "654800.00",
            "currency": "EUR", "status": "completed", "awarded_on": "2024-03-01", "start_date": "2024-03-01",
            "end_date": "2024-12-31", "measure_ids": [f.measure("1.3")]
        })).await;
        app.create_published("/api/v1/grants", &json!({
            "donor_id": undp, "project_title": {"uk": "Без дат"}, "amount": "1000", "currency": "EUR",
            "status": "awarded", "measure_ids": [f.measure("1.3")]
        })).await;
        let two_years = app.create_published("/api/v1/grants", &json!({
            "donor_id": undp, "project_title": {"uk": "Дворічний проект"}, "amount": "90000", "currency": "USD",
            "status": "applied", "start_date": "2024-01-01", "end_date": "2025-12-31", "measure_ids": [f.measure("1.3")]
        })).await;

        let file = iati(&app).await;
        assert_eq!(file.name, "iati-activities");
        assert_eq!(file.attr("version"), Some("2.03"));
        let activities: Vec<&Element> = file.all("iati-activity").collect();
        let ids: Vec<&str> = activities.iter().map(|a| a.one("iati-identifier").text.as_str()).collect();
        let id = |record: &serde_json::Value| format!("UA-EDR-39816211-{}", record["id"].as_str().unwrap());
        assert_eq!(ids, [id(&visit), id(&grant), id(&two_years)], "the draft, the activity known by its year and the undated grant stay out");
        assert!(!ids.contains(&id(&yearly).as_str()));

        let a = activities[0];
        assert_eq!(a.attr("xml:lang"), Some("uk"));
        assert_eq!(a.attr("last-updated-datetime"), visit["updated_at"].as_str());
        let reporting = a.one("reporting-org");
        assert_eq!((reporting.attr("ref"), reporting.attr("type")), (Some("UA-EDR-39816211"), Some("11")));
        assert_eq!(reporting.narratives(), [(None, "ХМЕЛЬНИЦЬКА МІСЬКА РАДА"), (Some("en"), "KHMELNYTSKYI CITY COUNCIL")]);
        assert_eq!(a.one("title").narratives(), [(None, "Візит до Любліна & Кракова"), (Some("en"), "Visit to Lublin")]);
        let orgs: Vec<(&str, Option<&str>, &str)> =
            a.all("participating-org").map(|o| (o.attr("role").unwrap(), o.attr("ref"), o.narratives()[0].1)).collect();
        assert_eq!(orgs, [
            ("2", Some("UA-EDR-39816211"), "ХМЕЛЬНИЦЬКА МІСЬКА РАДА"),
            ("4", Some("UA-EDR-39816211"), "ХМЕЛЬНИЦЬКА МІСЬКА РАДА"),
            ("4", None, "Люблін"),
            ("1", None, "Програма розвитку ООН"),
        ], "a partner that only took part has no IATI role, and is left out");
        assert_eq!(a.one("activity-status").attr("code"), Some("4"));
        let dates: Vec<(Option<&str>, Option<&str>)> =
            a.all("activity-date").map(|d| (d.attr("type"), d.attr("iso-date"))).collect();
        assert_eq!(dates, [(Some("2"), Some("2024-05-02")), (Some("4"), Some("2024-05-04"))]);
        let country = a.one("recipient-country");
        assert_eq!((country.attr("code"), country.attr("percentage")), (Some("UA"), Some("100")));
        let sectors: Vec<(Option<&str>, Option<&str>)> =
            a.all("sector").map(|s| (s.attr("code"), s.attr("percentage"))).collect();
        assert_eq!(sectors, [(Some("15110"), Some("100.00"))], "both measures fall to the default sector");
        let links: Vec<(Option<&str>, Option<&str>)> =
            a.all("document-link").map(|d| (d.attr("url"), d.attr("format"))).collect();
        assert_eq!(links, [
            (Some("https://khm.gov.ua/news/lublin"), Some("text/html")),
            (Some("https://khm.gov.ua/files/zvit.pdf"), Some("application/pdf")),
        ]);

        let g = activities[1];
        assert_eq!(g.attr("default-currency"), Some("EUR"));
        let funder = g.all("participating-org").find(|o| o.attr("role") == Some("1")).unwrap();
        assert_eq!(funder.narratives()[0].1, "Програма розвитку ООН");
        let budget = g.one("budget");
        assert_eq!(budget.one("period-start").attr("iso-date"), Some("2024-03-01"));
        assert_eq!(budget.one("period-end").attr("iso-date"), Some("2024-12-31"));
        assert_eq!(budget.one("value").text, "654800.00");
        let transaction = g.one("transaction");
        assert_eq!(transaction.one("transaction-type").attr("code"), Some("11"));
        assert_eq!(transaction.one("transaction-date").attr("iso-date"), Some("2024-03-01"));
        assert_eq!(transaction.one("value").attr("value-date"), Some("2024-03-01"));
        assert_eq!(transaction.one("receiver-org").attr("ref"), Some("UA-EDR-39816211"));

        let longer = activities[2];
        assert_eq!(longer.one("activity-status").attr("code"), Some("1"), "an application is in the pipeline");
        let dates: Vec<(Option<&str>, Option<&str>)> =
            longer.all("activity-date").map(|d| (d.attr("type"), d.attr("iso-date"))).collect();
        assert_eq!(dates, [(Some("1"), Some("2024-01-01")), (Some("3"), Some("2025-12-31"))], "planned, not actual");
        assert_eq!(longer.all("budget").count(), 0, "IATI's budgets are at most a year, and no yearly split is recorded");
        assert_eq!(longer.all("transaction").count(), 0, "nothing is committed to an application");
    }
}

db_test! {
    async fn text_loses_what_xml_cannot_hold_whatever_is_stored(app) {
        let f = app.programme_fixture().await;
        app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Форум"}, "kind": "conference", "start_date": "2024-05-02", "measure_ids": [f.measure("1.2")]
        })).await;
        use sea_orm::{ConnectionTrait, Statement};
        let conn = app.db.connection();
        // The only activity; written past the API, which refuses such text.
        let sql = r#"UPDATE activities SET title = '{"uk": "Бізнес\u000cфорум\u0001", "en": "Business\u000bforum"}'"#;
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
        let file = iati(&app).await;
        let title = file.one("iati-activity").one("title");
        assert_eq!(title.narratives(), [(None, "Бізнесфорум"), (Some("en"), "Businessforum")]);
    }
}

db_test! {
    async fn the_iati_file_answers_304_to_a_current_copy_and_refuses_paging(app) {
        let f = app.programme_fixture().await;
        app.get("/open-data/v1/iati-activities.xml").await.expect_problem(404, "not_found");
        app.create_published("/api/v1/activities", &json!({
            "title": {"uk": "Форум"}, "kind": "conference", "start_date": "2024-05-02", "measure_ids": [f.measure("1.2")]
        })).await;
        let first = app.get("/open-data/v1/iati-activities.xml").await;
        assert_eq!(first.status.as_u16(), 200);
        let etag = first.header("etag").unwrap().to_owned();
        let again = app
            .call_with_headers(reqwest::Method::GET, "/open-data/v1/iati-activities.xml", &[("If-None-Match", &etag)], None)
            .await;
        assert_eq!(again.status.as_u16(), 304);
        app.get("/open-data/v1/iati-activities.xml?limit=5").await.expect_problem(400, "invalid_query");
        app.get("/open-data/v1/iati-activities.xml?lang=en").await.expect_problem(400, "invalid_query");
        let today = chrono::Utc::now().date_naive().to_string();
        assert!(etag.contains(&today), "the file changes with the day too: {etag}");
        let since = app.get("/open-data/v1/iati-activities.xml?updated_since=2999-01-01T00:00:00Z").await;
        since.expect_problem(404, "not_found");
    }
}
