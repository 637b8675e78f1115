use actix_web::{HttpResponse, get, web};
use intercoop_domain::report::Finding;
use intercoop_operations::{Database, reports};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{Authorized, Viewer};
use crate::http::error::ApiResult;
use crate::routes::problems::GuardedGetProblems;

/// What to look at before the report of a year is filed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportChecks {
    pub year: i32,
    pub programme_id: Uuid,
    /// The findings, warnings first.
    pub findings: Vec<Finding>,
}

/// Data-quality checks of a year's report.
///
/// Before the report is filed: activities dated outside the programme's years (a slip such as 2014 for 2024),
/// activities of the year that run into another year, activities with no measure, measures with no activity in
/// the year, partners whose names or aliases nearly match another partner's, and meetings, delegations and
/// signings with no partner. Drafts are checked too; needs the viewer role.
#[utoipa::path(
    tag = "reports",
    params(
        ("id" = Uuid, Path, description = "The programme's id"),
        ("year" = i32, Path, description = "The reporting year", example = 2024),
    ),
    responses((status = 200, description = "The findings", body = ReportChecks), GuardedGetProblems)
)]
#[get("/programmes/{id}/reports/{year}/checks")]
pub async fn get_report_checks(
    auth: Authorized<Viewer>,
    db: web::Data<Database>,
    path: web::Path<(Uuid, i32)>,
) -> ApiResult<HttpResponse> {
    let (programme_id, year) = path.into_inner();
    let findings = reports::checks(&db, &auth, programme_id, year).await?;
    Ok(HttpResponse::Ok().json(ReportChecks { year, programme_id, findings }))
}
