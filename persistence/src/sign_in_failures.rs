//! Failed sign-ins, counted in the database so that every replica of the service slows one guesser down alike.
//! An attempt is counted before its password is checked, in one transaction that also decides whether it may
//! be made at all: of any number of attempts at once, only as many as the policy allows get through.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};

use crate::entities::sign_in_failure::{ActiveModel, Column, Entity, Model};
use crate::support::now;
use crate::{Database, RepoError};

/// How many failures a key may have before each further attempt waits, and how long.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures allowed before the first wait.
    pub free: u32,
    /// The first wait; it doubles with each further failure...
    pub first_wait: Duration,
    /// ...up to this, which is also how long a failure is remembered.
    pub longest_wait: Duration,
}

impl Policy {
    /// How long after its last failure a key with `failures` must wait.
    pub fn wait(&self, failures: u32) -> Duration {
        if failures < self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free).min(10);
        (self.first_wait * 2u32.pow(doublings)).min(self.longest_wait)
    }
}

/// Counts an attempt against every key (`user:NAME`, `address:IP`...) with its policy, unless one of them must
/// still wait: then nothing is counted and the longest wait is answered.
pub async fn attempt(db: &Database, keys: &[(String, Policy)]) -> Result<Option<Duration>, RepoError> {
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    db.write(async |txn| {
        let now = now();
        for key in &names {
            Entity::insert(Model { key: key.clone(), failures: 0, last_at: now }.into_active_model())
                .on_conflict_do_nothing_on([Column::Key])
                .exec(txn)
                .await?;
        }
        let rows = Entity::find().filter(Column::Key.is_in(names.clone())).lock_exclusive().all(txn).await?;
        let mut counted = Vec::with_capacity(rows.len());
        let mut longest = Duration::ZERO;
        for row in rows {
            let Some((_, policy)) = keys.iter().find(|(k, _)| *k == row.key) else { continue };
            let since = (now - row.last_at).to_std().unwrap_or_default();
            let failures = if since > policy.longest_wait { 0 } else { row.failures.max(0) as u32 };
            longest = longest.max(policy.wait(failures).saturating_sub(since));
            counted.push((row, failures + 1));
        }
        if !longest.is_zero() {
            return Ok(Some(longest));
        }
        for (row, failures) in counted {
            let mut row: ActiveModel = row.into();
            row.failures = sea_orm::ActiveValue::Set(failures as i32);
            row.last_at = sea_orm::ActiveValue::Set(now);
            row.update(txn).await?;
        }
        forget_older_than(txn, now, keys.iter().map(|(_, p)| p.longest_wait).max().unwrap_or_default()).await?;
        Ok(None)
    })
    .await
}

/// A success clears the keys' failures.
pub async fn succeeded(db: &Database, keys: &[String]) -> Result<(), RepoError> {
    let keys = keys.to_vec();
    db.write(async |txn| {
        Entity::delete_many().filter(Column::Key.is_in(keys)).exec(txn).await?;
        Ok(())
    })
    .await
}

/// Failures older than the longest wait are forgotten.
async fn forget_older_than(
    txn: &sea_orm::DatabaseTransaction,
    now: DateTime<Utc>,
    age: Duration,
) -> Result<(), RepoError> {
    let cutoff = now - chrono::Duration::from_std(age).unwrap_or_default();
    Entity::delete_many().filter(Column::LastAt.lt(cutoff)).exec(txn).await?;
    Ok(())
}
