use actix_web::{HttpResponse, get, web};
use intercoop_operations::Database;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::error::ApiResult;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(live).service(ready).service(metrics);
}

/// A health answer.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when healthy.
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "The process is up", body = Health)))]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness: the process answers and its database does too.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "The database cannot be reached", body = crate::http::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health/ready")]
pub async fn ready(db: web::Data<Database>) -> ApiResult<HttpResponse> {
    intercoop_operations::startup::ping(&db).await?;
    Ok(HttpResponse::Ok().json(Health { status: "ok" }))
}

/// Metrics in the Prometheus text format.
///
/// `intercoop_http_requests_total` and the histogram `intercoop_http_request_duration_seconds`, by method, route
/// (the matched route template, `unmatched` for none) and status, counted since this process started; and
/// `intercoop_db_pool_connections` by state (`open`, `idle`, `in_use`) with `intercoop_db_pool_max_connections`.
/// Each process counts its own: scrape every replica.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The metrics", content_type = "text/plain; version=0.0.4", body = String,
        example = "intercoop_http_requests_total{method=\"GET\",route=\"/api/v1/activities\",status=\"200\"} 42\n"))
)]
#[get("/metrics")]
pub async fn metrics(db: web::Data<Database>, metrics: web::Data<crate::http::metrics::Metrics>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(metrics.render(db.pool_use()))
}
