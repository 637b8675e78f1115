//! Records most tests need: a programme with sections and measures, partners.

use serde_json::{Value, json};

use crate::TestApp;

/// A programme with sections I and II and measures 1.1, 1.2, 1.3, 1.10 and 2.2.
pub struct ProgrammeFixture {
    pub programme_id: String,
    pub section_i: String,
    pub section_ii: String,
    /// (code, id), in the order created: 1.10 first, so that code order differs from creation order.
    pub measures: Vec<(String, String)>,
}

impl ProgrammeFixture {
    pub fn measure(&self, code: &str) -> &str {
        &self.measures.iter().find(|(c, _)| c == code).unwrap_or_else(|| panic!("no measure {code}")).1
    }
}

pub fn programme_body() -> Value {
    json!({
        "title": {
            "uk": "Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки",
            "en": "Programme of international cooperation and promotion of the Khmelnytskyi city community for 2021-2025"
        },
        "first_year": 2021,
        "last_year": 2025,
        "decision": {"number": "7", "date": "2020-12-23"},
        "owner_unit": "управління економіки"
    })
}

impl TestApp {
    pub async fn programme_fixture(&self) -> ProgrammeFixture {
        let programme = self.create("/api/v1/programmes", &programme_body()).await;
        let programme_id = programme["id"].as_str().unwrap().to_owned();
        let sections = format!("/api/v1/programmes/{programme_id}/sections");
        let section_i = self
            .create(&sections, &json!({"number": "I", "title": {"uk": "Міжнародне співробітництво", "en": "International cooperation"}}))
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let section_ii = self
            .create(
                &sections,
                &json!({"number": "II", "title": {"uk": "Промоція міста", "en": "Promotion of the city"}}),
            )
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut measures = Vec::new();
        for (code, section, title) in [
            ("1.10", &section_i, "Сприяння участі суб'єктів підприємництва громади у бізнес-зустрічах"),
            ("1.1", &section_i, "Організація прийомів офіційних делегацій"),
            ("1.2", &section_i, "Проведення виїзних робочих зустрічей з представниками міжнародних організацій"),
            ("1.3", &section_i, "Співпраця з міжнародними організаціями з підготовки проектів"),
            ("2.2", &section_ii, "Придбання презентаційної, сувенірної та іміджевої продукції"),
        ] {
            let body = json!({"section_id": section, "code": code, "title": {"uk": title}});
            let measure = self.create("/api/v1/measures", &body).await;
            measures.push((code.to_owned(), measure["id"].as_str().unwrap().to_owned()));
        }
        ProgrammeFixture { programme_id, section_i, section_ii, measures }
    }

    /// Creates a published partner and returns its id.
    pub async fn partner(&self, uk: &str, en: &str, kind: &str, country: &str) -> String {
        let body = json!({"name": {"uk": uk, "en": en}, "kind": kind, "country": country});
        self.create_published("/api/v1/partners", &body).await["id"].as_str().unwrap().to_owned()
    }
}

/// A draft partner body whose names carry `n`, for tests that need many distinct partners.
pub fn partner_body(n: usize) -> Value {
    json!({"name": {"uk": format!("Партнер {n}"), "en": format!("Partner {n}")}, "kind": "twin_city", "country": "PL"})
}
