use actix_web::{HttpResponse, get, web};
use intercoop_domain::report::Summary;
use intercoop_operations::{Database, reports};
use uuid::Uuid;

use crate::http::error::ApiResult;
use crate::routes::problems::GetProblems;

/// The year's figures.
///
/// Published activities of the year by measure, kind, month and country; their partners by kind; the year's
/// grants totalled by currency (exact decimals). The HTML report draws the months as a chart.
#[utoipa::path(
    tag = "reports",
    params(
        ("id" = Uuid, Path, description = "The programme's id"),
        ("year" = i32, Path, description = "The reporting year", example = 2024),
    ),
    responses((status = 200, description = "The figures", body = Summary), GetProblems)
)]
#[get("/programmes/{id}/reports/{year}/summary")]
pub async fn get_report_summary(db: web::Data<Database>, path: web::Path<(Uuid, i32)>) -> ApiResult<HttpResponse> {
    let (programme_id, year) = path.into_inner();
    Ok(HttpResponse::Ok().json(reports::summary(&db, programme_id, year).await?))
}
