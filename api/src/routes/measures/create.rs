use actix_web::{HttpResponse, post, web};
use intercoop_domain::MeasureDraft;
use intercoop_operations::{Database, measures};

use super::{MeasureResponse, location};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create a measure.
///
/// The code's first number is its section's numeral (1.x under section I, 422 otherwise),
/// and a code appears once per section (409).
#[utoipa::path(
    tag = "programmes",
    request_body = MeasureDraft,
    responses(
        (status = 201, description = "Created", body = MeasureResponse,
            headers(
                ("Location" = String, description = "The new measure's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/measures")]
pub async fn create_measure(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    Body(draft): Body<MeasureDraft>,
) -> ApiResult<HttpResponse> {
    let record = measures::create(&db, &auth, draft).await?;
    let body = MeasureResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
