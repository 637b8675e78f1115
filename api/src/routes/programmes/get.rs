use actix_web::{HttpResponse, get, web};
use intercoop_operations::{Database, programmes};
use uuid::Uuid;

use super::{ProgrammeDetail, SectionWithMeasures};
use crate::http::error::ApiResult;
use crate::http::preconditions::ok;
use crate::routes::problems::GetProblems;

/// Get a programme with its structure.
///
/// The programme, its sections in order, and each section's measures in code order, in one call.
#[utoipa::path(
    tag = "programmes",
    params(("id" = Uuid, Path, description = "The programme's id")),
    responses((status = 200, description = "The programme and its structure", body = ProgrammeDetail,
            headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))), GetProblems)
)]
#[get("/programmes/{id}")]
pub async fn get_programme(db: web::Data<Database>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let programme = programmes::get(&db, id).await?;
    let structure = programmes::structure(&db, id).await?;
    let sections = structure
        .sections
        .into_iter()
        .map(|(section, measures)| SectionWithMeasures {
            section: section.into(),
            measures: measures.into_iter().map(Into::into).collect(),
        })
        .collect();
    let version = programme.meta.version;
    // The ETag is the programme's own version, for If-Match on its writes; its structure changes apart from it,
    // so this answer is never 304.
    Ok(ok(version, &ProgrammeDetail { programme: programme.into(), sections }))
}
