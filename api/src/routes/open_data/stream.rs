//! A record dataset read in batches and written as it is read, so that a feed of any size is served in constant
//! memory.

use actix_web::web::Bytes;
use intercoop_operations::open_data::{FeedQuery, fetch};
use intercoop_operations::{Database, Error};

use super::shapes::Format;
use intercoop_operations::open_data::datasets::Dataset;

const BATCH: u64 = 500;

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

    async fn next_chunk(&mut self) -> Result<Option<Bytes>, Error> {
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
            return Ok(self.format.trailer(&self.dataset, next).map(Bytes::from));
        }
        let mut out = String::new();
        for (cursor, row) in &rows {
            if let Some(item) = self.format.item(&self.dataset, row) {
                if self.written > 0 && self.format.comma_separated() {
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
