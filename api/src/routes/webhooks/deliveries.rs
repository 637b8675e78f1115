use actix_web::{HttpRequest, HttpResponse, get, post, web};
use intercoop_operations::Database;
use intercoop_operations::webhooks::subscriptions::{self, DeliveryStatus};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::DeliveryResponse;
use crate::auth::{Admin, Authorized};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ListQuery;
use crate::http::pagination::{ListResponse, list_response, page_request};
use crate::routes::problems::{GuardedGetProblems, NestedListProblems};

/// Filter and page of a delivery log.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryListParams {
    /// Only deliveries in this state: `pending`, `delivered` or `failed`.
    #[param(example = "failed", pattern = "^(pending|delivered|failed)?$")]
    status: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// How many to skip (default 0).
    #[param(minimum = 0, maximum = 1000000000)]
    offset: Option<u64>,
}

/// A subscription's delivery log, the latest event first.
///
/// Each event sent or to be sent, with its state, its attempts (HTTP status, error, duration) and the message.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id"), DeliveryListParams),
    responses(
        (status = 200, description = "One page of deliveries", body = ListResponse<DeliveryResponse>),
        NestedListProblems,
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    req: HttpRequest,
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    id: web::Path<Uuid>,
    ListQuery(params): ListQuery<DeliveryListParams>,
) -> ApiResult<HttpResponse> {
    let page = page_request(params.limit, params.offset)?;
    let status = match params.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(DeliveryStatus::parse(s).ok_or_else(|| {
            ApiError::invalid_query(
                "status",
                format!("'{s}' is not a delivery state; use pending, delivered or failed"),
            )
        })?),
    };
    let result = subscriptions::deliveries(&db, &auth, id.into_inner(), status, page).await?;
    let items: Vec<DeliveryResponse> = result.items.into_iter().map(Into::into).collect();
    Ok(list_response(&req, page, items, result.total))
}

/// Send an event again.
///
/// Queues the delivery at once with a fresh count of attempts, whatever became of it before: for an event the
/// receiver lost, or one that failed while the receiver was down. It keeps its `webhook-id`.
#[utoipa::path(
    tag = "webhooks",
    params(
        ("id" = Uuid, Path, description = "The subscription's id"),
        ("delivery_id" = Uuid, Path, description = "The delivery's id"),
    ),
    responses((status = 202, description = "Queued", body = DeliveryResponse), GuardedGetProblems)
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver_webhook(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (id, delivery_id) = path.into_inner();
    let delivery = subscriptions::redeliver(&db, &auth, id, delivery_id).await?;
    Ok(HttpResponse::Accepted().json(DeliveryResponse::from(delivery)))
}
