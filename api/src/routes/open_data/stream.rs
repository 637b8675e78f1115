//! A record dataset read in batches and written as it is read, so that a feed of any size is served in constant
//! memory.

use std::collections::HashMap;

use actix_web::web::Bytes;
use intercoop_persistence::measures::MeasureRef;
use intercoop_persistence::open_data::{self, FeedCursor, FeedQuery};
use intercoop_persistence::partners::PartnerRef;
use intercoop_persistence::{Database, RepoError};
use uuid::Uuid;

use super::shapes::Format;
use crate::open_data::datasets::Dataset;
use crate::open_data::rows::{self, Row};

const BATCH: u64 = 500;

/// One batch of a dataset's public records as rows, each with its cursor.
pub async fn fetch(db: &Database, dataset: &str, q: &FeedQuery) -> Result<Vec<(FeedCursor, Row)>, RepoError> {
    let cursor = |meta: &intercoop_domain::Meta| FeedCursor { updated_at: meta.updated_at, id: meta.id };
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
) -> Result<(HashMap<Uuid, PartnerRef>, HashMap<Uuid, MeasureRef>), RepoError> {
    partner_ids.sort();
    partner_ids.dedup();
    measure_ids.sort();
    measure_ids.dedup();
    let partners = open_data::partner_refs(db, &partner_ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let measures = open_data::measure_refs(db, &measure_ids).await?.into_iter().map(|m| (m.id, m)).collect();
    Ok((partners, measures))
}

/// The state of a feed being written.
pub struct Feed {
    db: Database,
    dataset: Dataset,
    format: Format,
    query: FeedQuery,
    remaining: Option<u64>,
    paged: bool,
    count: u64,
    written: u64,
    started: bool,
    done: bool,
}

impl Feed {
    pub fn new(db: Database, dataset: Dataset, format: Format, query: FeedQuery, limit: Option<u64>) -> Self {
        Self {
            db,
            dataset,
            format,
            query,
            remaining: limit,
            paged: limit.is_some(),
            count: 0,
            written: 0,
            started: false,
            done: false,
        }
    }

    async fn next_chunk(&mut self) -> Result<Option<Bytes>, RepoError> {
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            return Ok(Some(Bytes::from(self.format.header(&self.dataset))));
        }
        let size = self.remaining.map_or(BATCH, |r| r.min(BATCH));
        let rows = match size {
            0 => Vec::new(),
            _ => fetch(&self.db, self.dataset.name, &FeedQuery { limit: size, ..self.query }).await?,
        };
        if rows.is_empty() {
            self.done = true;
            let full_page = self.paged && self.remaining == Some(0) && self.count > 0;
            let next = self.query.after.filter(|_| full_page).map(|c| c.to_string());
            return Ok(self.format.trailer(next).map(Bytes::from));
        }
        let mut out = String::new();
        for (cursor, row) in &rows {
            if let Some(item) = self.format.item(&self.dataset, row) {
                if self.written > 0 && !self.format.is_csv() {
                    out.push(',');
                }
                out.push_str(&item);
                self.written += 1;
            }
            self.count += 1;
            self.query.after = Some(*cursor);
        }
        if let Some(r) = self.remaining.as_mut() {
            *r -= rows.len() as u64;
        }
        Ok(Some(Bytes::from(out)))
    }

    /// The feed as a stream of chunks; a database failure midway ends it (the client sees a cut answer).
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<Bytes, actix_web::Error>> {
        futures_util::stream::unfold(self, |mut feed| async move {
            match feed.next_chunk().await {
                Ok(Some(bytes)) => Some((Ok(bytes), feed)),
                Ok(None) => None,
                Err(e) => {
                    tracing::error!(dataset = feed.dataset.name, error = %e, "an open-data feed failed midway");
                    feed.done = true;
                    Some((Err(actix_web::error::ErrorInternalServerError("the feed failed midway")), feed))
                }
            }
        })
    }
}
