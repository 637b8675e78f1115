//! What the annual report is made from, in a constant number of queries whatever the year holds.

use intercoop_domain::report::{ActivityData, MeasureData, ReportData, SectionData};
use uuid::Uuid;

use crate::support::Visibility;
use crate::{Database, RepoError, activities, programmes};

/// The programme's structure and its activities that overlap `year` (published ones only, unless `visibility`
/// is `All`).
pub async fn load(
    db: &Database,
    programme_id: Uuid,
    year: i32,
    visibility: Visibility,
) -> Result<ReportData, RepoError> {
    let programme = programmes::get(db, programme_id).await?;
    let structure = programmes::structure(db, programme_id).await?;
    let measure_ids: Vec<Uuid> =
        structure.sections.iter().flat_map(|(_, measures)| measures.iter().map(|m| m.meta.id)).collect();
    let activities = activities::of_measures_in_year(db, &measure_ids, year, visibility).await?;
    Ok(ReportData {
        programme_id,
        programme: programme.data,
        sections: structure
            .sections
            .into_iter()
            .map(|(section, measures)| SectionData {
                number: section.data.section.number,
                title: section.data.section.title,
                measures: measures
                    .into_iter()
                    .map(|m| MeasureData { id: m.meta.id, code: m.data.code, title: m.data.title })
                    .collect(),
            })
            .collect(),
        activities: activities
            .into_iter()
            .map(|view| ActivityData {
                id: view.record.meta.id,
                partner_names: view.partners.into_iter().map(|p| p.name).collect(),
                activity: view.record.data,
            })
            .collect(),
    })
}
