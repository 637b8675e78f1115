//! Synthetic data for benchmarks and trials: the 2024 programme, then as many partners, activities, grants and
//! agreements as asked, with the rows a real create writes (links, trail, change feed), in one transaction and
//! a few statements per few hundred records. The same seed gives the same records and ids.

mod content;

use std::collections::HashSet;

use chrono::Datelike;
use intercoop_domain::{Meta, PartnerKind, PublicationState, Stored};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, Statement};
use uuid::Uuid;

use crate::activities::Activities;
use crate::agreements::Agreements;
use crate::crud::{Record, insert_batch};
use crate::entities::{measure, partner, programme};
use crate::grants::Grants;
use crate::partners::Partners;
use crate::seed::{self, SeedError};
use crate::support::now;
use crate::{Actor, Database, RepoError};
use content::{CITIES, City};

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub activities: usize,
    pub partners: usize,
    /// The seed of the random choices.
    pub seed: u64,
    /// Puts every activity in this year rather than across the programme's years.
    pub year: Option<i32>,
}

/// What was made, besides the 2024 programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    pub partners: usize,
    pub activities: usize,
    pub grants: usize,
    pub agreements: usize,
}

/// Records a batch holds before it is written.
const BATCH: usize = 2000;

/// Loads the 2024 programme into an empty database, then the generated records: all of them, or nothing.
pub async fn fill(db: &Database, counts: Counts) -> Result<Generated, SeedError> {
    let actor = Actor::system("generator");
    let made = db
        .write(async |txn| {
            seed::load_in(txn, seed::KHMELNYTSKYI_2024).await?;
            Ok::<_, SeedError>(Generator::new(txn, &actor, counts).await?.run(counts).await?)
        })
        .await?;
    // Fresh statistics and visibility, as autovacuum would leave them, so that plans and index-only scans are
    // those of a database in use.
    let sql = match db.backend() {
        DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    db.connection().execute_raw(Statement::from_string(db.backend(), sql)).await.map_err(RepoError::from)?;
    Ok(made)
}

struct Generator<'a> {
    txn: &'a DatabaseTransaction,
    actor: &'a Actor,
    rng: StdRng,
    years: Vec<i32>,
    measures: Vec<Uuid>,
    /// Every partner with the city it is in (the dataset's partners are in no generated city).
    partners: Vec<(Uuid, PartnerKind, Option<&'static City>)>,
    names: HashSet<String>,
    /// (id, year) of each generated activity.
    activities: Vec<(Uuid, i32)>,
    /// Records made so far.
    made: u64,
}

/// The time in the first generated id (2024-01-01), one millisecond more for each next record.
const ID_EPOCH_MS: u64 = 1_704_067_200_000;

impl<'a> Generator<'a> {
    async fn new(txn: &'a DatabaseTransaction, actor: &'a Actor, counts: Counts) -> Result<Self, RepoError> {
        let programme = programme::Entity::find()
            .one(txn)
            .await?
            .ok_or(RepoError::NotFound { kind: "programme", id: Uuid::nil() })?;
        let measures = measure::Entity::find().all(txn).await?.into_iter().map(|m| m.id).collect();
        let existing = partner::Entity::find().all(txn).await?;
        Ok(Self {
            txn,
            actor,
            rng: StdRng::seed_from_u64(counts.seed),
            years: match counts.year {
                Some(year) => vec![year],
                None => (programme.first_year..=programme.last_year).collect(),
            },
            measures,
            names: existing.iter().map(|p| p.name_key.clone()).collect(),
            partners: Vec::new(),
            activities: Vec::new(),
            made: 0,
        })
    }

    async fn run(mut self, counts: Counts) -> Result<Generated, RepoError> {
        let partners = self.partners(counts.partners).await?;
        let activities = self.activities(counts.activities).await?;
        let grants = self.grants(counts.activities / 20).await?;
        let agreements = self.agreements(counts.partners / 5).await?;
        Ok(Generated { partners, activities, grants, agreements })
    }

    fn meta(&mut self) -> Meta {
        let at = now();
        // Time-ordered (version 7), as the service makes them, so that indexes fill in order; from the seed.
        self.made += 1;
        let id = uuid::Builder::from_unix_timestamp_millis(ID_EPOCH_MS + self.made, &self.rng.random()).into_uuid();
        Meta { id, version: 1, created_at: at, updated_at: at, publication: Some(PublicationState::Published) }
    }

    async fn write<R: Record>(&mut self, batch: &mut Vec<Stored<R::Draft>>) -> Result<(), RepoError> {
        insert_batch::<R>(self.txn, self.actor, batch).await?;
        batch.clear();
        Ok(())
    }

    async fn partners(&mut self, count: usize) -> Result<usize, RepoError> {
        use PartnerKind as K;
        const KINDS: [PartnerKind; 12] = [
            K::PartnerCity,
            K::PartnerCity,
            K::PartnerCity,
            K::TwinCity,
            K::Business,
            K::Business,
            K::Ngo,
            K::University,
            K::Donor,
            K::InternationalOrganisation,
            K::GovernmentBody,
            K::Embassy,
        ];
        let mut batch = Vec::new();
        for _ in 0..count {
            let kind = *KINDS.choose(&mut self.rng).expect("kinds");
            let city = CITIES.choose(&mut self.rng).expect("cities");
            let mut n = 0;
            let draft = loop {
                let draft = content::partner(&mut self.rng, kind, city, n);
                if self.names.insert(draft.name_key()) {
                    break draft;
                }
                n += 1;
            };
            draft.check().map_err(RepoError::Invalid)?;
            let meta = self.meta();
            self.partners.push((meta.id, kind, Some(city)));
            batch.push(Stored { meta, data: draft });
            if batch.len() == BATCH {
                self.write::<Partners>(&mut batch).await?;
            }
        }
        self.write::<Partners>(&mut batch).await?;
        Ok(count)
    }

    async fn activities(&mut self, count: usize) -> Result<usize, RepoError> {
        let cities: Vec<(Uuid, &'static City)> =
            self.partners.iter().filter_map(|(id, _, city)| city.map(|c| (*id, c))).collect();
        let mut batch = Vec::new();
        for i in 0..count {
            let year = self.years[i % self.years.len()];
            let (first, city) = match cities.choose(&mut self.rng) {
                Some((id, city)) => (Some(*id), *city),
                None => (None, CITIES.choose(&mut self.rng).expect("cities")),
            };
            let mut partners: Vec<Uuid> = first.into_iter().collect();
            for _ in 0..self.rng.random_range(0..=4) {
                if let Some((id, _, _)) = self.partners.choose(&mut self.rng)
                    && !partners.contains(id)
                {
                    partners.push(*id);
                }
            }
            let how_many = self.rng.random_range(1..=2);
            let measures = self.measures.choose_multiple(&mut self.rng, how_many).copied();
            let draft = content::activity(&mut self.rng, year, city, measures.collect(), &partners);
            draft.check().map_err(RepoError::Invalid)?;
            let meta = self.meta();
            self.activities.push((meta.id, draft.start_date.year()));
            batch.push(Stored { meta, data: draft });
            if batch.len() == BATCH {
                self.write::<Activities>(&mut batch).await?;
            }
        }
        self.write::<Activities>(&mut batch).await?;
        Ok(count)
    }

    async fn grants(&mut self, count: usize) -> Result<usize, RepoError> {
        let donors: Vec<Uuid> = self
            .partners
            .iter()
            .filter(|(_, kind, _)| matches!(kind, PartnerKind::Donor | PartnerKind::InternationalOrganisation))
            .map(|(id, _, _)| *id)
            .collect();
        let mut batch = Vec::new();
        for _ in 0..count {
            let (Some(donor), Some(&(activity, year))) =
                (donors.choose(&mut self.rng).copied(), self.activities.choose(&mut self.rng))
            else {
                break;
            };
            let measure = *self.measures.choose(&mut self.rng).expect("the programme has measures");
            let draft = content::grant(&mut self.rng, year, donor, measure, vec![activity]);
            draft.check().map_err(RepoError::Invalid)?;
            let meta = self.meta();
            batch.push(Stored { meta, data: draft });
        }
        let made = batch.len();
        for chunk in batch.chunks(BATCH) {
            insert_batch::<Grants>(self.txn, self.actor, chunk).await?;
        }
        Ok(made)
    }

    async fn agreements(&mut self, count: usize) -> Result<usize, RepoError> {
        let cities: Vec<(Uuid, &'static City)> = self
            .partners
            .iter()
            .filter(|(_, kind, _)| matches!(kind, PartnerKind::PartnerCity | PartnerKind::TwinCity))
            .filter_map(|(id, _, city)| city.map(|c| (*id, c)))
            .collect();
        let mut batch = Vec::new();
        for _ in 0..count {
            let Some(&(party, city)) = cities.choose(&mut self.rng) else { break };
            let year = *self.years.choose(&mut self.rng).expect("the programme has years");
            let measure = *self.measures.choose(&mut self.rng).expect("the programme has measures");
            let draft = content::agreement(&mut self.rng, year, city, party, measure);
            draft.check().map_err(RepoError::Invalid)?;
            let meta = self.meta();
            batch.push(Stored { meta, data: draft });
        }
        let made = batch.len();
        for chunk in batch.chunks(BATCH) {
            insert_batch::<Agreements>(self.txn, self.actor, chunk).await?;
        }
        Ok(made)
    }
}
