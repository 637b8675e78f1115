//! A programme's whole structure written at once: what importing a council's first report proposes (the programme
//! its title names, the sections and measures of its table), created in the import's transaction.

use intercoop_domain::{MeasureDraft, Meta, ProgrammeDraft, SectionDraft};
use sea_orm::DatabaseTransaction;
use uuid::Uuid;

use crate::crud::create_in;
use crate::measures::Measures;
use crate::programmes::{ProgrammeSection, Programmes, Sections};
use crate::support::new_meta;
use crate::{Actor, RepoError};

/// A programme with its sections and measures, each with the id it is to have (the measures' drafts name their
/// sections' ids, and the activities proposed with them their measures').
#[derive(Debug, Clone)]
pub struct NewStructure {
    pub programme_id: Uuid,
    pub programme: ProgrammeDraft,
    pub sections: Vec<(Uuid, SectionDraft)>,
    pub measures: Vec<(Uuid, MeasureDraft)>,
}

fn meta(id: Uuid) -> Meta {
    Meta { id, ..new_meta(false) }
}

/// Creates the structure inside the caller's transaction (audited and in the change feed, as each record would be).
pub(crate) async fn create_in_txn(
    txn: &DatabaseTransaction,
    actor: &Actor,
    structure: NewStructure,
) -> Result<Uuid, RepoError> {
    let NewStructure { programme_id, programme, sections, measures } = structure;
    create_in::<Programmes>(txn, actor, meta(programme_id), programme).await?;
    for (id, section) in sections {
        create_in::<Sections>(txn, actor, meta(id), ProgrammeSection { programme_id, section }).await?;
    }
    for (id, measure) in measures {
        create_in::<Measures>(txn, actor, meta(id), measure).await?;
    }
    Ok(programme_id)
}
