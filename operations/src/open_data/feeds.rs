//! What the feeds are made of: the public records of a dataset, a batch at a time, as rows; the version of a
//! feed's sources; the years that have a report table.

use std::collections::HashMap;

use intercoop_domain::Meta;
use intercoop_persistence::measures::MeasureRef;
use intercoop_persistence::open_data;
pub use intercoop_persistence::open_data::{FeedCursor, FeedQuery, Stamp};
use intercoop_persistence::partners::PartnerRef;
use intercoop_persistence::{PageRequest, programmes};
use uuid::Uuid;

use super::rows::{self, Row};
use crate::{Database, Result};

/// One batch of a dataset's public records as rows, each with its cursor. Partners and measures that a grant or
/// an agreement names are looked up once per batch, published ones only.
pub async fn fetch(db: &Database, dataset: &str, q: &FeedQuery) -> Result<Vec<(FeedCursor, Row)>> {
    let cursor = |meta: &Meta| FeedCursor { updated_at: meta.updated_at, id: meta.id };
    Ok(match dataset {
        "measures" => open_data::measures(db, q).await?.iter().map(|m| (cursor(&m.meta), rows::measure(m))).collect(),
        "partners" => open_data::partners(db, q).await?.iter().map(|p| (cursor(&p.meta), rows::partner(p))).collect(),
        "activities" => {
            open_data::activities(db, q).await?.iter().map(|v| (cursor(&v.record.meta), rows::activity(v))).collect()
        }
        "grants" => {
            let grants = open_data::grants(db, q).await?;
            let (partners, measures) = lookups(
                db,
                grants.iter().map(|g| g.data.donor_id).collect(),
                grants.iter().flat_map(|g| g.data.measure_ids.clone()).collect(),
            )
            .await?;
            grants.iter().map(|g| (cursor(&g.meta), rows::grant(g, &partners, &measures))).collect()
        }
        "agreements" => {
            let agreements = open_data::agreements(db, q).await?;
            let (partners, measures) = lookups(
                db,
                agreements.iter().flat_map(|a| a.data.parties.iter().filter_map(|p| p.partner_id)).collect(),
                agreements.iter().flat_map(|a| a.data.measure_ids.clone()).collect(),
            )
            .await?;
            agreements.iter().map(|a| (cursor(&a.meta), rows::agreement(a, &partners, &measures))).collect()
        }
        other => unreachable!("no dataset {other}"),
    })
}

async fn lookups(
    db: &Database,
    mut partner_ids: Vec<Uuid>,
    mut measure_ids: Vec<Uuid>,
) -> Result<(HashMap<Uuid, PartnerRef>, HashMap<Uuid, MeasureRef>)> {
    partner_ids.sort();
    partner_ids.dedup();
    measure_ids.sort();
    measure_ids.dedup();
    let partners = open_data::partner_refs(db, &partner_ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let measures = open_data::measure_refs(db, &measure_ids).await?.into_iter().map(|m| (m.id, m)).collect();
    Ok((partners, measures))
}

/// The version of the record types a feed is made of: the change feed's count and last entry.
pub async fn stamp(db: &Database, record_types: &[&str]) -> Result<Stamp> {
    Ok(open_data::stamp(db, record_types).await?)
}

/// When the open data began to be served: the database's installation.
pub async fn installed_at(db: &Database) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(open_data::installed_at(db).await?)
}

/// The years that have a report table: every year of every programme.
pub async fn report_years(db: &Database) -> Result<Vec<i32>> {
    let all = programmes::list(db, None, None, PageRequest { limit: 200, offset: 0 }).await?;
    let mut years: Vec<i32> = all.items.iter().flat_map(|p| p.data.first_year..=p.data.last_year).collect();
    years.sort();
    years.dedup();
    Ok(years)
}
