//! Programmes and their sections: the structure the measures hang from.

use chrono::{DateTime, Utc};
use intercoop_domain::{ProgrammeDraft, Role, SectionDraft};
use intercoop_persistence::programmes as repo;
pub use intercoop_persistence::programmes::{Programme, ProgrammeSection, Section, Structure};
use uuid::Uuid;

use crate::{Caller, Database, Error, IfMatch, Page, PageRequest, Result};

super::structure_operations!(repo, ProgrammeDraft, Programme);

/// A programme; the programme's structure is public.
pub async fn get(db: &Database, id: Uuid) -> Result<Programme> {
    Ok(repo::get(db, id, crate::Visibility::All).await?)
}

/// A programme's sections, each with its measures in code order.
pub async fn structure(db: &Database, id: Uuid) -> Result<Structure> {
    Ok(repo::structure(db, id).await?)
}

/// Programmes, the latest first; `year` keeps those that run in that year, `updated_since` those changed since.
pub async fn list(
    db: &Database,
    year: Option<i32>,
    updated_since: Option<DateTime<Utc>>,
    page: PageRequest,
) -> Result<Page<Programme>> {
    Ok(repo::list(db, year, updated_since, page).await?)
}

/// The sections of a programme, each a use case like the programme's own.
pub mod sections {
    use super::*;

    const WHAT: &str = "changing the programme's structure";

    pub async fn create(db: &Database, caller: &Caller, programme_id: Uuid, draft: SectionDraft) -> Result<Section> {
        caller.require(Role::Admin, WHAT)?;
        draft.check()?;
        Ok(repo::sections::create(db, &caller.actor(), programme_id, draft).await?)
    }

    pub async fn replace(
        db: &Database,
        caller: &Caller,
        programme_id: Uuid,
        id: Uuid,
        if_match: &IfMatch,
        draft: SectionDraft,
    ) -> Result<Section> {
        caller.require(Role::Admin, WHAT)?;
        draft.check()?;
        repo::sections::update(db, &caller.actor(), programme_id, id, |current| {
            if_match.check(current.meta.version)?;
            Ok::<_, Error>(draft)
        })
        .await
    }

    pub async fn patch(
        db: &Database,
        caller: &Caller,
        programme_id: Uuid,
        id: Uuid,
        if_match: &IfMatch,
        patch: serde_json::Value,
    ) -> Result<Section> {
        caller.require(Role::Admin, WHAT)?;
        repo::sections::update(db, &caller.actor(), programme_id, id, |current| {
            if_match.check(current.meta.version)?;
            let draft: SectionDraft = crate::records::merge_patch(&current.data.section, patch)?;
            draft.check()?;
            Ok::<_, Error>(draft)
        })
        .await
    }

    pub async fn delete(
        db: &Database,
        caller: &Caller,
        programme_id: Uuid,
        id: Uuid,
        if_match: &IfMatch,
    ) -> Result<()> {
        caller.require(Role::Admin, WHAT)?;
        repo::sections::delete(db, &caller.actor(), programme_id, id, |current| if_match.check(current.meta.version))
            .await
    }

    pub async fn get(db: &Database, programme_id: Uuid, id: Uuid) -> Result<Section> {
        Ok(repo::sections::get(db, programme_id, id).await?)
    }

    pub async fn list(db: &Database, programme_id: Uuid) -> Result<Vec<Section>> {
        Ok(repo::sections::list(db, programme_id).await?)
    }
}
