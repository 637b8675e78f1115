use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, measures};
use uuid::Uuid;

use super::MeasureResponse;
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfNoneMatchHeader, Preconditions};
use crate::routes::problems::{GetProblems, NotModified};

/// Get a measure.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id"), IfNoneMatchHeader),
    responses((status = 200, description = "The measure", body = MeasureResponse,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems, NotModified)
)]
#[get("/measures/{id}")]
pub async fn get_measure(db: web::Data<Database>, pre: Preconditions, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = measures::get(&db, id.into_inner()).await?;
    let body = MeasureResponse::from(record);
    Ok(pre.respond(body.version, &body))
}
