use actix_web::{HttpResponse, post, web};
use intercoop_domain::AgreementDraft;
use intercoop_operations::{Database, agreements};

use super::{AgreementResponse, location};
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create an agreement.
///
/// A new record is a draft; `POST .../publish` publishes it. The partners and measures
/// it names must exist (422).
#[utoipa::path(
    tag = "agreements",
    request_body = AgreementDraft,
    responses(
        (status = 201, description = "Created", body = AgreementResponse,
            headers(
                ("Location" = String, description = "The new agreement's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/agreements")]
pub async fn create_agreement(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    Body(draft): Body<AgreementDraft>,
) -> ApiResult<HttpResponse> {
    let record = agreements::create(&db, &auth, draft).await?;
    let body = AgreementResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
