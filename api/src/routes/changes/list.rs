use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use intercoop_operations::Database;
use intercoop_operations::trail::{self, ChangeEntry, Cursor, RECORD_TYPES};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{Authorized, Viewer};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::routes::problems::GuardedListProblems;

const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 1000;

/// Where to read the feed from, and how much. Unknown parameters are refused.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChangeFeedParams {
    /// The `next` cursor of the previous page (or the `cursor` of the last change applied); from the first
    /// change without it.
    #[param(example = "0_0", pattern = "^([0-9]{1,18}_[0-9]{1,18})?$")]
    after: Option<String>,
    /// How many changes, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u64>,
    /// Only changes to these record types, comma-separated: `programme`, `section`, `measure`, `activity`,
    /// `partner`, `grant`, `agreement`.
    #[param(
        example = "activity,partner",
        pattern = "^((programme|section|measure|activity|partner|grant|agreement)(,(programme|section|measure|activity|partner|grant|agreement))*)?$"
    )]
    types: Option<String>,
}

/// One change to one record.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "cursor": "1042_318", "type": "activity", "id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "version": 2,
    "action": "publish", "at": "2026-11-25T10:15:00Z", "deleted": false,
    "record": {"id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "version": 2, "publication": "published",
        "title": {"uk": "Візит делегації", "en": "Visit of a delegation"}}
}))]
pub struct ChangeResponse {
    /// This change's place in the feed: `after` this cursor come the changes not yet applied.
    pub cursor: String,
    /// The record type: `programme`, `section`, `measure`, `activity`, `partner`, `grant` or `agreement`.
    #[serde(rename = "type")]
    pub record_type: String,
    /// The record's id.
    pub id: Uuid,
    /// The record's version after the change (a delete counts as one more version).
    pub version: i32,
    /// `create`, `update`, `delete`, `submit`, `return`, `publish`, `withdraw` or `reopen`.
    pub action: String,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// True when the record was deleted: `record` is then null.
    pub deleted: bool,
    /// The record as it stood after the change, as its `GET` shows it (an activity without the embedded measure
    /// and partner details, which are records of the feed themselves); null after a delete.
    #[schema(value_type = Option<Object>)]
    pub record: Option<serde_json::Value>,
}

impl From<ChangeEntry> for ChangeResponse {
    fn from(c: ChangeEntry) -> Self {
        Self {
            cursor: c.cursor.to_string(),
            record_type: c.record_type,
            id: c.record_id,
            version: c.version,
            action: c.action,
            at: c.at,
            deleted: c.record.is_none(),
            record: c.record,
        }
    }
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "items": [{"cursor": "1042_318", "type": "partner", "id": "0193a4d2-8f10-7c3e-9a51-3f0e7c1d2b4a", "version": 4,
        "action": "delete", "at": "2026-11-25T10:15:00Z", "deleted": true, "record": null}],
    "next": "1042_318", "has_more": false
}))]
pub struct ChangeFeed {
    /// The changes, oldest first.
    pub items: Vec<ChangeResponse>,
    /// The cursor to ask `after` next time: the last change's, or the one given when there was nothing new.
    pub next: String,
    /// Whether more changes follow already; when false, poll again later with `next`.
    pub has_more: bool,
}

/// Follow every change to the records.
///
/// Every create, update, delete and workflow step across all record types, in commit order, each with the
/// record as it stood after the change (or a tombstone after a delete). Start without `after`, apply the items in
/// order, and call again with `next`: a consumer that does so ends with exactly the server's records, and never
/// sees a change twice. Cursors are stable: they survive restarts and can be stored. A change shows once every
/// transaction that began before it has finished, normally within milliseconds. Drafts are included.
#[utoipa::path(
    tag = "sync",
    params(ChangeFeedParams),
    responses(
        (status = 200, description = "The changes after the cursor", body = ChangeFeed),
        GuardedListProblems,
    )
)]
#[get("/changes")]
pub async fn list_changes(
    auth: Authorized<Viewer>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<ChangeFeedParams>,
) -> ApiResult<HttpResponse> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid_query("limit", format!("must be between 1 and {MAX_LIMIT}")));
    }
    let after = match params.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(text) => Some(Cursor::parse(text).ok_or_else(|| {
            ApiError::invalid_query("after", format!("'{text}' is not a cursor of this feed; use a `next` it returned"))
        })?),
    };
    let mut types = Vec::new();
    for t in params.types.as_deref().filter(|t| !t.is_empty()).into_iter().flat_map(|t| t.split(',')) {
        if !RECORD_TYPES.contains(&t) {
            return Err(ApiError::invalid_query(
                "types",
                format!("'{t}' is not a record type; use {}", RECORD_TYPES.join(", ")),
            ));
        }
        types.push(t.to_owned());
    }
    let page = trail::changes(&db, &auth, after, &types, limit).await?;
    let next = page.items.last().map(|c| c.cursor).or(after).unwrap_or_default().to_string();
    let items = page.items.into_iter().map(ChangeResponse::from).collect();
    Ok(HttpResponse::Ok().json(ChangeFeed { items, next, has_more: page.has_more }))
}
