//! What importing an earlier report needs of the database: what is there already (so that importing the same
//! report twice creates nothing new), the partners to recognise, and the new drafts written in one transaction.

use std::collections::HashSet;

use chrono::NaiveDate;
use intercoop_domain::report::PartnerNames;
use intercoop_domain::{ActivityDraft, Stored};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::activities::Activities;
use crate::crud::{self, Record};
use crate::entities::activity::{Column, Entity};
use crate::support::new_meta;
use crate::{Actor, Database, RepoError};

/// The activities that start on any of `days`, as (start date, Ukrainian description): an imported paragraph is
/// its activity's description, so a paragraph imported before is found again.
pub async fn existing(db: &Database, days: &[NaiveDate]) -> Result<HashSet<(NaiveDate, String)>, RepoError> {
    let models = Entity::find().filter(Column::StartDate.is_in(days.to_vec())).all(db.connection()).await?;
    let mut out = HashSet::new();
    for model in models {
        let activity = Activities::from_model(model)?;
        if let Some(description) = activity.data.description {
            out.insert((activity.data.start_date, description.uk));
        }
    }
    Ok(out)
}

/// Every partner's names and aliases.
pub async fn partner_names(db: &Database) -> Result<Vec<PartnerNames>, RepoError> {
    crate::partners::names(db).await
}

/// Creates the drafts in one transaction: all of them, or (on any failure) none; `progress` hears how many are
/// written so far.
pub async fn create_activities(
    db: &Database,
    actor: &Actor,
    drafts: Vec<ActivityDraft>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<Stored<ActivityDraft>>, RepoError> {
    let total = drafts.len();
    db.write(async |txn| {
        let mut created = Vec::new();
        for draft in drafts {
            created.push(crud::create_in::<Activities>(txn, actor, new_meta(Activities::WORKFLOW), draft).await?);
            progress(created.len(), total);
        }
        Ok(created)
    })
    .await
}
