//! Measures: the programme's numbered lines of work, under its sections.

use intercoop_domain::MeasureDraft;
use intercoop_persistence::measures as repo;
pub use intercoop_persistence::measures::{Measure, MeasureFilter, MeasureRef};

use crate::{Database, Page, PageRequest, Result};

super::structure_operations!(repo, MeasureDraft, Measure);

/// A measure; the programme's structure is public.
pub async fn get(db: &Database, id: uuid::Uuid) -> Result<Measure> {
    Ok(repo::get(db, id, crate::Visibility::All).await?)
}

/// Measures in code order (1.2 before 1.10).
pub async fn list(db: &Database, filter: &MeasureFilter, page: PageRequest) -> Result<Page<Measure>> {
    Ok(repo::list(db, filter, page).await?)
}
