use actix_web::{HttpRequest, HttpResponse, delete, get, web};
use intercoop_operations::Database;
use intercoop_operations::imports::{self, Home, ImportState};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{ImportInfo, ImportResponse};
use crate::auth::{Authorized, Editor};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::http::preconditions::ok;
use crate::routes::problems::{GuardedGetProblems, GuardedListProblems};
use intercoop_domain::report::Letterhead;

/// Filters and page of the list of uploads.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportListParams {
    /// Only uploads in this state: `proposed` or `applied`.
    #[param(pattern = "^(proposed|applied)$")]
    state: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// List uploaded reports, the newest first.
#[utoipa::path(
    tag = "imports",
    params(ImportListParams),
    responses((status = 200, description = "One page of uploads", body = ListResponse<ImportInfo>), GuardedListProblems)
)]
#[get("/imports")]
pub async fn list_imports(
    req: HttpRequest,
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    ListQuery(params): ListQuery<ImportListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let state = match params.state.as_deref() {
        None => None,
        Some(text) => Some(ImportState::parse(text).ok_or_else(|| {
            ApiError::invalid_query("state", format!("'{text}' is not a state; use proposed or applied"))
        })?),
    };
    let result = imports::list(&db, &auth, state, page).await?;
    let items: Vec<ImportInfo> = result.items.iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}

/// Get an uploaded report and what importing it does now.
///
/// The proposal is made again from the uploaded text against the records as they are now: an event imported
/// since (by this import or another) shows as `existing`.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "The upload's id")),
    responses((status = 200, description = "The upload and its proposal", body = ImportResponse,
        headers(("ETag" = String, description = "The upload's version"))), GuardedGetProblems)
)]
#[get("/imports/{id}")]
pub async fn get_import(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    letterhead: web::Data<Letterhead>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let import = imports::get(&db, &auth, id.into_inner()).await?;
    let body = ImportResponse::of(&db, &import, &Home::of(&letterhead)).await?;
    Ok(ok(import.version, &body))
}

/// Discard an uploaded report.
///
/// The upload and its text are removed; the drafts an applied upload created stay.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "The upload's id")),
    responses((status = 204, description = "Discarded"), GuardedGetProblems)
)]
#[delete("/imports/{id}")]
pub async fn delete_import(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    imports::discard(&db, &auth, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
