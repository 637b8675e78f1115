use actix_web::{HttpResponse, post, web};
use intercoop_domain::AgreementDraft;
use intercoop_persistence::Database;
use intercoop_persistence::agreements;

use super::{AgreementResponse, location};
use crate::auth::{Authorized, Editor};
use crate::error::ApiResult;
use crate::extract::Body;
use crate::routes::problems::CreateProblems;
use crate::routes::{check_unit, created};

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
    Body(mut draft): Body<AgreementDraft>,
) -> ApiResult<HttpResponse> {
    draft.check()?;
    check_unit(&auth, None, &mut draft.owner_unit)?;
    let record = agreements::create(&db, &auth.actor(), draft).await?;
    let body = AgreementResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
