//! The examples of the records' drafts, naming records of the demo programme (the 2024 report, loaded on a first
//! start): Swagger UI's "Try it out" sends them as they are, so each is accepted by a freshly started service.
//! Optional parameters keep their example in their description only, so that a first request filters nothing.

use intercoop_operations::startup::record_id;
use serde_json::{Value, json};

const DATASET: &str = "khmelnytskyi-2024";

fn id(kind: &str, key: &str) -> String {
    record_id(DATASET, kind, key).to_string()
}

fn text(uk: &str, en: &str) -> Value {
    json!({"uk": uk, "en": en})
}

/// Each draft schema's example.
fn drafts() -> Vec<(&'static str, Value)> {
    let economy = "управління економіки";
    vec![
        (
            "ProgrammeDraft",
            json!({
                "title": text(
                    "Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на 2026-2030 роки",
                    "Programme of international cooperation and promotion of the Khmelnytskyi city territorial community for 2026-2030",
                ),
                "first_year": 2026, "last_year": 2030,
                "decision": {"number": "112", "date": "2025-12-18"},
                "owner_unit": economy,
            }),
        ),
        (
            "SectionDraft",
            json!({"number": "III", "title": text("Міжнародна технічна допомога", "International technical assistance")}),
        ),
        (
            "MeasureDraft",
            json!({
                "section_id": id("section", "II"),
                "code": "2.7",
                "title": text("Участь у міжнародних туристичних виставках", "Taking part in international tourism fairs"),
                "responsible_units": ["управління культури і туризму"],
                "funding": [{"year": 2025, "amount": "150000.00", "currency": "UAH", "source": "бюджет громади"}],
            }),
        ),
        (
            "PartnerDraft",
            json!({
                "name": text("Вроцлав", "Wrocław"),
                "aliases": ["Breslau", "Wroclaw"],
                "kind": "partner_city",
                "country": "PL",
                "city": text("Вроцлав", "Wrocław"),
                "website": "https://www.wroclaw.pl/",
                "coordinates": {"latitude": 51.11, "longitude": 17.03},
                "owner_unit": economy,
            }),
        ),
        (
            "ActivityDraft",
            json!({
                "title": text("Робоча зустріч з делегацією міста Краків", "Working meeting with a delegation of Kraków"),
                "description": text(
                    "Обговорено співпрацю шкіл та обмін учнівськими групами.",
                    "School cooperation and pupil exchanges were discussed.",
                ),
                "kind": "delegation_received",
                "start_date": "2024-11-05",
                "end_date": "2024-11-06",
                "date_precision": "day",
                "format": "in_person",
                "place": {"city": text("Хмельницький", "Khmelnytskyi"), "country": "UA"},
                "measure_ids": [id("measure", "1.2")],
                "partners": [{"partner_id": id("partner", "krakow"), "role": "participant"}],
                "participants": "Міський голова, заступник міського голови",
                "links": ["https://www.khm.gov.ua/"],
                "status": "done",
                "owner_unit": economy,
            }),
        ),
        (
            "GrantDraft",
            json!({
                "donor_id": id("partner", "undp"),
                "instrument": "Програма малих грантів",
                "project_title": text("Бізнес-хол «Проскурів»", "Proskuriv business hall"),
                "amount": "654800.00",
                "currency": "UAH",
                "status": "awarded",
                "applied_on": "2024-03-01",
                "awarded_on": "2024-05-20",
                "measure_ids": [id("measure", "1.3")],
                "owner_unit": economy,
            }),
        ),
        (
            "AgreementDraft",
            json!({
                "kind": "memorandum",
                "title": text("Меморандум про співпрацю у сфері культури", "Memorandum of cooperation in culture"),
                "parties": [
                    {"partner_id": id("partner", "silistra")},
                    {"name": text("Хмельницька міська рада", "Khmelnytskyi City Council")},
                ],
                "signed_on": "2024-09-12",
                "status": "in_force",
                "measure_ids": [id("measure", "2.1")],
                "owner_unit": economy,
            }),
        ),
        (
            "ReportUpload",
            json!({"file": "programme-report-2024.docx", "year": 2024, "programme_id": id("programme", "programme")}),
        ),
    ]
}

/// Sets the drafts' examples, and moves each optional parameter's example into its description.
pub fn apply(spec: &mut Value) {
    for (name, example) in drafts() {
        if let Some(schema) = spec["components"]["schemas"].get_mut(name) {
            schema["example"] = example;
        }
    }
    for item in spec["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if parameter["required"] != json!(true) {
                    describe_example(parameter);
                }
            }
        }
    }
}

/// Takes a parameter's example out of it (Swagger UI would fill it in) and names it in the description.
fn describe_example(parameter: &mut Value) {
    let from_schema = parameter.get_mut("schema").and_then(take_example);
    let Some(example) = take_example(parameter).or(from_schema) else { return };
    let shown = match &example {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let description = parameter["description"].as_str().unwrap_or("").trim_end().to_owned();
    let separator = if description.is_empty() { "" } else { " " };
    parameter["description"] = json!(format!("{description}{separator}For example: `{shown}`."));
}

/// Removes `example` and `examples` (a schema's list) and returns the first example.
fn take_example(holder: &mut Value) -> Option<Value> {
    let object = holder.as_object_mut()?;
    let example = object.remove("example");
    let examples = object.remove("examples").and_then(|e| e.get(0).cloned());
    example.or(examples)
}
