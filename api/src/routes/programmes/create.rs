use actix_web::{HttpResponse, post, web};
use intercoop_domain::ProgrammeDraft;
use intercoop_operations::{Database, programmes};

use super::{ProgrammeResponse, location};
use crate::auth::{Admin, Authorized};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create a programme.
///
/// The Ukrainian title must not be taken by another programme (409).
#[utoipa::path(
    tag = "programmes",
    request_body = ProgrammeDraft,
    responses(
        (status = 201, description = "Created", body = ProgrammeResponse,
            headers(
                ("Location" = String, description = "The new programme's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/programmes")]
pub async fn create_programme(
    auth: Authorized<Admin>,
    db: web::Data<Database>,
    Body(draft): Body<ProgrammeDraft>,
) -> ApiResult<HttpResponse> {
    let record = programmes::create(&db, &auth, draft).await?;
    let body = ProgrammeResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
