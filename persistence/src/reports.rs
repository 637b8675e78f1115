//! What the annual report is made from, in a constant number of queries whatever the year holds.

use intercoop_domain::Money;
use intercoop_domain::report::{ActivityData, MeasureData, PartnerInfo, PartnerNames, ReportData, SectionData};
use uuid::Uuid;

use crate::support::Visibility;
use crate::{Database, RepoError, activities, grants, partners, programmes};

/// The programme's structure and its activities that overlap `year` (published ones only, unless `visibility`
/// is `All`).
pub async fn load(
    db: &Database,
    programme: programmes::Programme,
    year: i32,
    visibility: Visibility,
) -> Result<ReportData, RepoError> {
    let programme_id = programme.meta.id;
    let structure = programmes::structure(db, programme_id).await?;
    let measure_ids: Vec<Uuid> =
        structure.sections.iter().flat_map(|(_, measures)| measures.iter().map(|m| m.meta.id)).collect();
    let activities = activities::of_measures_in_year(db, &measure_ids, Some(year), visibility).await?;
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
        activities: activities.into_iter().map(activity_data).collect(),
    })
}

fn activity_data(view: activities::ActivityView) -> ActivityData {
    ActivityData {
        id: view.record.meta.id,
        partners: view
            .partners
            .into_iter()
            .map(|p| PartnerInfo { id: p.id, name: p.name, kind: p.kind, published: p.published })
            .collect(),
        publication: view.record.meta.publication.unwrap_or_default(),
        activity: view.record.data,
    }
}

/// What the data-quality checks look at besides the report's data: every activity of the programme's measures
/// whatever its year (drafts included), and every partner's names.
pub async fn load_for_checks(
    db: &Database,
    data: &ReportData,
) -> Result<(Vec<ActivityData>, Vec<PartnerNames>), RepoError> {
    let measure_ids: Vec<Uuid> = data.sections.iter().flat_map(|s| s.measures.iter().map(|m| m.id)).collect();
    let all = activities::of_measures_in_year(db, &measure_ids, None, Visibility::All).await?;
    let partners = partners::names(db).await?;
    Ok((all.into_iter().map(activity_data).collect(), partners))
}

/// The grants of the report's year: those linked to its activities, or to its measures and awarded (or running)
/// in the year.
pub async fn grants_of_year(
    db: &Database,
    data: &ReportData,
    year: i32,
    visibility: Visibility,
) -> Result<Vec<Money>, RepoError> {
    let measure_ids: Vec<Uuid> = data.sections.iter().flat_map(|s| s.measures.iter().map(|m| m.id)).collect();
    let activity_ids: Vec<Uuid> = data.activities.iter().map(|a| a.id).collect();
    let grants = grants::linked_to(db, &measure_ids, &activity_ids, visibility).await?;
    let activity_ids: std::collections::HashSet<Uuid> = activity_ids.into_iter().collect();
    let in_year = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| chrono::Datelike::year(&d) == year);
    Ok(grants
        .into_iter()
        .filter(|g| {
            let d = &g.data;
            d.activity_ids.iter().any(|id| activity_ids.contains(id))
                || in_year(d.awarded_on)
                || (d.start_date.is_some_and(|s| chrono::Datelike::year(&s) <= year)
                    && d.end_date.is_none_or(|e| chrono::Datelike::year(&e) >= year))
        })
        .filter_map(|g| g.data.money())
        .collect())
}
