use actix_web::{HttpResponse, post, web};
use intercoop_domain::GrantDraft;
use intercoop_operations::{Database, grants};

use super::{GrantResponse, location};
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::created;
use crate::routes::problems::CreateProblems;

/// Create a grant.
///
/// A new record is a draft; `POST .../publish` publishes it. The donor, measures and
/// activities it names must exist (422).
#[utoipa::path(
    tag = "grants",
    request_body = GrantDraft,
    responses(
        (status = 201, description = "Created", body = GrantResponse,
            headers(
                ("Location" = String, description = "The new grant's URL"),
                ("ETag" = String, description = "The new record's strong entity tag"),
            )),
        CreateProblems,
    )
)]
#[post("/grants")]
pub async fn create_grant(
    auth: Authorized<Editor>,
    db: web::Data<Database>,
    Body(draft): Body<GrantDraft>,
) -> ApiResult<HttpResponse> {
    let record = grants::create(&db, &auth, draft).await?;
    let body = GrantResponse::from(record);
    Ok(created(location(body.id), body.version, &body))
}
