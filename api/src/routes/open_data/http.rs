//! What every feed answers besides its body: a strong `ETag` and `Last-Modified` taken from the change feed of
//! the record types it is made of, 304 for a client whose copy is current, `Cache-Control`, and open CORS.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use chrono::{DateTime, Utc};
use intercoop_operations::{Database, open_data};
use sha2::{Digest, Sha256};

use crate::http::error::ApiError;

/// How long a harvester may reuse a feed without asking again.
const MAX_AGE_SECONDS: u32 = 300;

/// The version of a feed's content.
pub struct Freshness {
    etag: String,
    last_modified: Option<DateTime<Utc>>,
}

impl Freshness {
    /// The version of a feed made of `record_types`, for this request's variant (path and query).
    pub async fn of(db: &Database, record_types: &[&str], req: &HttpRequest) -> Result<Self, ApiError> {
        let stamp = open_data::stamp(db, record_types).await?;
        let variant = Sha256::digest(format!("{}?{}", req.path(), req.query_string()).as_bytes());
        let variant: String = variant.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(Self { etag: format!("\"{}-{}-{variant}\"", stamp.changes, stamp.last_seq), last_modified: stamp.last_at })
    }

    /// The version of a feed that also changes with the day (IATI's dates are actual once they pass): the day is
    /// part of the `ETag`, and `Last-Modified` is no earlier than its start.
    pub fn by_day(mut self, today: chrono::NaiveDate) -> Self {
        self.etag = format!("{}-{today}\"", self.etag.trim_end_matches('"'));
        let midnight = today.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        self.last_modified = Some(self.last_modified.map_or(midnight, |last| last.max(midnight)));
        self
    }

    /// Whether the client's copy is current: `If-None-Match` names this version, or (without it)
    /// `If-Modified-Since` is no earlier than the last change.
    pub fn not_modified(&self, req: &HttpRequest) -> bool {
        let headers = req.headers();
        if let Some(tags) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
            return tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == self.etag);
        }
        let since = headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok());
        match (since, self.last_modified) {
            (Some(since), Some(last)) => last.timestamp() <= since.timestamp(),
            _ => false,
        }
    }

    /// The headers of a feed's answer.
    pub fn headers(&self, builder: &mut HttpResponseBuilder) {
        builder
            .insert_header((header::ETAG, self.etag.clone()))
            .insert_header((header::CACHE_CONTROL, format!("public, max-age={MAX_AGE_SECONDS}")));
        if let Some(last) = self.last_modified {
            builder.insert_header((header::LAST_MODIFIED, last.format("%a, %d %b %Y %H:%M:%S GMT").to_string()));
        }
        cors(builder);
    }

    /// 304 Not Modified with the feed's headers.
    pub fn not_modified_response(&self) -> HttpResponse {
        let mut builder = HttpResponse::NotModified();
        self.headers(&mut builder);
        builder.finish()
    }
}

/// Open CORS for reading the feeds from any web page.
pub fn cors(builder: &mut HttpResponseBuilder) {
    builder
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((header::ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Last-Modified"));
}

/// The answer to a CORS preflight for a feed.
pub async fn preflight() -> HttpResponse {
    let mut builder = HttpResponse::NoContent();
    cors(&mut builder);
    builder
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "If-None-Match, If-Modified-Since"))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
        .finish()
}
