//! limit/offset pagination with the total in the body and RFC 8288 `Link` headers, and `sort` parameters.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use intercoop_operations::{PageRequest, Sort};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::error::ApiError;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;
/// The largest offset: far past any list here, and well inside what the databases take.
pub const MAX_OFFSET: u64 = 1_000_000_000;
/// About how many bytes of JSON a list item takes (an activity with its measures and partners takes 2 to 3 KB).
const ITEM_SIZE_HINT: usize = 3072;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListResponse<T: ToSchema> {
    /// The records on this page.
    pub items: Vec<T>,
    /// How many records match the filters, over all pages.
    pub total: u64,
    /// The page size used.
    pub limit: u64,
    /// How many matching records come before this page.
    pub offset: u64,
}

pub fn page_request(limit: Option<u64>, offset: Option<u64>) -> Result<PageRequest, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid_query("limit", format!("must be between 1 and {MAX_LIMIT}")));
    }
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::invalid_query("offset", format!("must be at most {MAX_OFFSET}")));
    }
    Ok(PageRequest { limit, offset })
}

/// Parses `sort=field` or `sort=-field` (descending) against the fields a list allows.
pub fn parse_sort<C: Copy>(value: Option<&str>, allowed: &[(&str, C)], default: Sort<C>) -> Result<Sort<C>, ApiError> {
    let Some(value) = value else { return Ok(default) };
    let (name, descending) = match value.strip_prefix('-') {
        Some(name) => (name, true),
        None => (value, false),
    };
    allowed.iter().find(|(n, _)| *n == name).map(|(_, column)| Sort { column: *column, descending }).ok_or_else(|| {
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        ApiError::invalid_query(
            "sort",
            format!("'{value}' is not a sort order; use one of {} (prefix - to reverse)", names.join(", ")),
        )
    })
}

/// The list as JSON, with `Link` headers to the first, previous, next and last pages.
pub fn list_response<T: Serialize + ToSchema>(
    req: &HttpRequest,
    page: PageRequest,
    items: Vec<T>,
    total: u64,
) -> HttpResponse {
    let mut links = Vec::new();
    let link = |offset: u64, rel: &str| format!("<{}>; rel=\"{rel}\"", page_url(req, page.limit, offset));
    let last = if total == 0 { 0 } else { (total - 1) / page.limit * page.limit };
    links.push(link(0, "first"));
    if page.offset > 0 {
        links.push(link(page.offset.saturating_sub(page.limit), "prev"));
    }
    if page.offset + page.limit < total {
        links.push(link(page.offset + page.limit, "next"));
    }
    links.push(link(last, "last"));
    // Written into a buffer sized for the page at once: growing one from empty copies a long page many times over.
    let mut body = Vec::with_capacity(ITEM_SIZE_HINT * (items.len() + 1));
    let list = ListResponse { items, total, limit: page.limit, offset: page.offset };
    serde_json::to_writer(&mut body, &list).expect("list items serialize");
    HttpResponse::Ok()
        .insert_header((header::LINK, links.join(", ")))
        .insert_header(header::ContentType::json())
        .body(body)
}

fn page_url(req: &HttpRequest, limit: u64, offset: u64) -> String {
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs.retain(|(k, _)| k != "limit" && k != "offset");
    pairs.push(("limit".into(), limit.to_string()));
    pairs.push(("offset".into(), offset.to_string()));
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{}", req.path(), query)
}
