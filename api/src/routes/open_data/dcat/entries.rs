//! What the catalog lists: every dataset, when it changed, and its distributions (each format it is served in).

use chrono::{DateTime, Utc};
use intercoop_operations::open_data::datasets::{Dataset, RECORDS, REPORT};
use intercoop_operations::open_data::{report_years, stamp};
use intercoop_operations::{Database, Error};

/// One format a dataset is served in.
pub struct Distribution {
    /// The last segment of the distribution's IRI (under its dataset's).
    pub slug: &'static str,
    pub url: String,
    pub media_type: &'static str,
    /// The format's code in the EU file-type vocabulary.
    pub file_type: &'static str,
    pub title: (&'static str, &'static str),
    pub description: (&'static str, &'static str),
    /// The standard the distribution is written to, when it is one.
    pub conforms_to: Option<String>,
}

/// One dataset of the catalog.
pub struct Entry {
    pub name: String,
    pub dataset: Dataset,
    /// The years the dataset covers.
    pub years: Option<(i32, i32)>,
    pub modified: Option<DateTime<Utc>>,
    pub distributions: Vec<Distribution>,
}

fn tables(feeds: &str, name: &str) -> Vec<Distribution> {
    let package = Some(format!("{feeds}/datapackage.json"));
    vec![
        Distribution {
            slug: "csv-uk",
            url: format!("{feeds}/{name}.csv"),
            media_type: "text/csv",
            file_type: "CSV",
            title: ("CSV, українською", "CSV, in Ukrainian"),
            description: (
                "Таблиця CSV (UTF-8) з назвами стовпців і значеннями українською; схема таблиці — у datapackage.json.",
                "A CSV table (UTF-8) with column names and values in Ukrainian; its table schema is in datapackage.json.",
            ),
            conforms_to: package.clone(),
        },
        Distribution {
            slug: "csv-en",
            url: format!("{feeds}/{name}.csv?lang=en"),
            media_type: "text/csv",
            file_type: "CSV",
            title: ("CSV, англійською", "CSV, in English"),
            description: (
                "Та сама таблиця CSV зі значеннями англійською, де їх перекладено.",
                "The same CSV table with values in English where they are translated.",
            ),
            conforms_to: package,
        },
        Distribution {
            slug: "json",
            url: format!("{feeds}/{name}.json"),
            media_type: "application/json",
            file_type: "JSON",
            title: ("JSON", "JSON"),
            description: (
                "Записи в JSON, текст українською та англійською; сторінками (limit, after), з updated_since.",
                "The records as JSON, text in Ukrainian and English; paged (limit, after), with updated_since.",
            ),
            conforms_to: None,
        },
    ]
}

/// The IATI file, which holds the activities and the grants.
fn iati(feeds: &str) -> Distribution {
    Distribution {
        slug: "iati",
        url: format!("{feeds}/iati-activities.xml"),
        media_type: "application/xml",
        file_type: "XML",
        title: ("IATI", "IATI"),
        description: (
            "Заходи, відомі з точністю до дня, і гранти за стандартом IATI Activity Standard 2.03 (XML).",
            "The activities known to the day, and the grants, in the IATI Activity Standard 2.03 (XML).",
        ),
        conforms_to: Some("https://iatistandard.org/en/iati-standard/203/".into()),
    }
}

fn extra(feeds: &str, name: &str) -> Vec<Distribution> {
    let mut out: Vec<Distribution> = special(feeds, name).into_iter().collect();
    if matches!(name, "activities" | "grants") {
        out.push(iati(feeds));
    }
    out
}

fn special(feeds: &str, name: &str) -> Option<Distribution> {
    Some(match name {
        "partners" => Distribution {
            slug: "geojson",
            url: format!("{feeds}/partners.geojson"),
            media_type: "application/geo+json",
            file_type: "GEOJSON",
            title: ("GeoJSON", "GeoJSON"),
            description: (
                "Партнери з відомими координатами як точки GeoJSON (RFC 7946).",
                "The partners whose coordinates are known, as GeoJSON points (RFC 7946).",
            ),
            conforms_to: Some("https://www.rfc-editor.org/rfc/rfc7946".into()),
        },
        "grants" => Distribution {
            slug: "360giving",
            url: format!("{feeds}/grants.360giving.json"),
            media_type: "application/json",
            file_type: "JSON",
            title: ("360Giving", "360Giving"),
            description: (
                "Гранти за стандартом даних 360Giving, якщо донор опублікований.",
                "The grants in the 360Giving Data Standard, where the donor is published.",
            ),
            conforms_to: Some("https://standard.threesixtygiving.org/".into()),
        },
        "activities" => Distribution {
            slug: "events",
            url: format!("{feeds}/activities.jsonld"),
            media_type: "application/ld+json",
            file_type: "JSON_LD",
            title: ("schema.org Event", "schema.org Event"),
            description: (
                "Виконані заходи як події schema.org (JSON-LD).",
                "The activities as schema.org Events (JSON-LD).",
            ),
            conforms_to: Some("https://schema.org/Event".into()),
        },
        _ => return None,
    })
}

pub async fn entries(db: &Database, feeds: &str) -> Result<Vec<Entry>, Error> {
    let years = report_years(db).await?;
    let span = years.first().zip(years.last()).map(|(a, b)| (*a, *b));
    let mut out = Vec::new();
    for d in RECORDS {
        let changes = stamp(db, d.sources).await?;
        let mut distributions = tables(feeds, d.name);
        distributions.extend(extra(feeds, d.name));
        out.push(Entry { name: d.name.to_owned(), dataset: d, years: span, modified: changes.last_at, distributions });
    }
    let changes = stamp(db, REPORT.sources).await?;
    for year in years {
        let name = format!("report-{year}");
        out.push(Entry {
            distributions: tables(feeds, &name),
            name,
            dataset: REPORT,
            years: Some((year, year)),
            modified: changes.last_at,
        });
    }
    Ok(out)
}
