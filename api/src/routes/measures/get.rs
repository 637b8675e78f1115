use actix_web::{HttpResponse, get, web};
use intercoop_persistence::measures;
use intercoop_persistence::{Database, Visibility};
use uuid::Uuid;

use super::MeasureResponse;
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a measure.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The measure's id")),
    responses((status = 200, description = "The measure", body = MeasureResponse), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/measures/{id}")]
pub async fn get_measure(db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let record = measures::get(&db, id.into_inner(), Visibility::All).await?;
    Ok(HttpResponse::Ok().json(MeasureResponse::from(record)))
}
