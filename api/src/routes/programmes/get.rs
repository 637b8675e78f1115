use actix_web::{HttpResponse, get, web};
use intercoop_persistence::programmes;
use intercoop_persistence::{Database, Visibility};
use uuid::Uuid;

use super::{ProgrammeDetail, SectionWithMeasures};
use crate::error::ApiResult;
use crate::routes::problems::GetProblems;

/// Get a programme with its structure.
///
/// The programme, its sections in order, and each section's measures in code order, in one call.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id")),
    responses((status = 200, description = "The programme and its structure", body = ProgrammeDetail), GetProblems),
    security((), ("bearer" = []))
)]
#[get("/programmes/{id}")]
pub async fn get_programme(db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let programme = programmes::get(&db, id, Visibility::All).await?;
    let structure = programmes::structure(&db, id).await?;
    let sections = structure
        .sections
        .into_iter()
        .map(|(section, measures)| SectionWithMeasures {
            section: section.into(),
            measures: measures.into_iter().map(Into::into).collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(ProgrammeDetail { programme: programme.into(), sections }))
}
