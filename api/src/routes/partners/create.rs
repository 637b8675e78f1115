use actix_web::{HttpResponse, post, web};
use intercoop_domain::PartnerDraft;
use intercoop_operations::{Database, partners};

use super::{PartnerResponse, location};
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create a partner.
///
/// A new record is a draft; `POST .../publish` publishes it. The Ukrainian name must not
/// be taken by another partner (409).
#[utoipa::path(
    tag = "partners",
    request_body = PartnerDraft,
    responses(
        (status = 201, description = "Created", body = PartnerResponse,
            headers(
                ("Location" = String, description = "The new partner's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/partners")]
pub async fn create_partner(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    Body(draft): Body<PartnerDraft>,
) -> ApiResult<HttpResponse> {
    let record = partners::create(&db, &auth, draft).await?;
    let body = PartnerResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
