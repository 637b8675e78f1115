//! Loading a dataset (such as the 2024 programme report, `datasets/khmelnytskyi-2024.json`) into an empty
//! database, in one transaction. Records refer to each other by keys (measure codes, partner keys), and get ids
//! derived from the dataset's name and their keys, so the same dataset gives the same ids on every install.

use std::collections::HashMap;

use intercoop_domain::strict::from_value;
use intercoop_domain::{
    ActivityDraft, AgreementDraft, FieldErrors, GrantDraft, MeasureDraft, Meta, PartnerDraft, ProgrammeDraft,
    PublicationState, SectionDraft,
};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::activities::Activities;
use crate::agreements::Agreements;
use crate::crud::create_in;
use crate::entities::{activity, partner, programme};
use crate::grants::Grants;
use crate::measures::Measures;
use crate::partners::Partners;
use crate::programmes::{ProgrammeSection, Programmes, Sections};
use crate::{Actor, Database, RepoError};

/// The council's 2024 programme report as records, built into the binary.
pub const KHMELNYTSKYI_2024: &str = include_str!("../../datasets/khmelnytskyi-2024.json");

/// The id a record of a dataset gets when it is loaded: stable across installations, so that documentation can
/// name the records of the demo programme (`record_id("khmelnytskyi-2024", "measure", "1.2")`).
pub fn record_id(dataset: &str, kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("urn:intercoop:{dataset}:{kind}:{key}").as_bytes())
}

/// How many records of each kind a dataset brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub programmes: usize,
    pub sections: usize,
    pub measures: usize,
    pub partners: usize,
    pub activities: usize,
    pub grants: usize,
    pub agreements: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already has records; a dataset is loaded only into an empty database")]
    NotEmpty,
    #[error("the dataset is not valid:\n{0}")]
    Invalid(String),
    #[error(transparent)]
    Repo(#[from] RepoError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dataset {
    dataset: String,
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    notes: Vec<String>,
    programme: Value,
    sections: Vec<Value>,
    measures: Vec<Value>,
    #[serde(default)]
    partners: Vec<Value>,
    #[serde(default)]
    activities: Vec<Value>,
    #[serde(default)]
    grants: Vec<Value>,
    #[serde(default)]
    agreements: Vec<Value>,
}

/// Whether the database holds no programme, partner or activity.
pub async fn is_empty(db: &Database) -> Result<bool, RepoError> {
    is_empty_in(db.connection()).await
}

async fn is_empty_in(conn: &impl ConnectionTrait) -> Result<bool, RepoError> {
    Ok(programme::Entity::find().count(conn).await? == 0
        && partner::Entity::find().count(conn).await? == 0
        && activity::Entity::find().count(conn).await? == 0)
}

/// Loads the dataset into an empty database: all of it, or (on any error) nothing.
pub async fn load(db: &Database, json: &str) -> Result<SeedSummary, SeedError> {
    db.write(async |txn| load_in(txn, json).await).await
}

/// Loads the dataset inside the caller's transaction, if the database is empty.
pub(crate) async fn load_in(txn: &DatabaseTransaction, json: &str) -> Result<SeedSummary, SeedError> {
    let dataset: Dataset = serde_json::from_str(json).map_err(|e| SeedError::Invalid(e.to_string()))?;
    if !is_empty_in(txn).await? {
        return Err(SeedError::NotEmpty);
    }
    let actor = Actor::system(&format!("dataset {}", dataset.dataset));
    Loader { txn, actor, name: dataset.dataset.clone(), ids: HashMap::new(), summary: SeedSummary::default() }
        .run(dataset)
        .await
}

struct Loader<'a> {
    txn: &'a DatabaseTransaction,
    actor: Actor,
    name: String,
    /// (kind, key) -> id
    ids: HashMap<(&'static str, String), Uuid>,
    summary: SeedSummary,
}

impl Loader<'_> {
    async fn run(mut self, d: Dataset) -> Result<SeedSummary, SeedError> {
        let programme: ProgrammeDraft = parse("programme", d.programme)?;
        programme.check().map_err(|e| invalid("programme", e))?;
        let programme_id = self.id("programme", "programme");
        create_in::<Programmes>(self.txn, &self.actor, self.meta(programme_id, None), programme).await?;
        self.summary.programmes = 1;

        for value in d.sections {
            let section: SectionDraft = parse("sections", value)?;
            section.check().map_err(|e| invalid(&format!("sections[{}]", section.number), e))?;
            let id = self.id("section", &section.number);
            create_in::<Sections>(
                self.txn,
                &self.actor,
                self.meta(id, None),
                ProgrammeSection { programme_id, section },
            )
            .await?;
            self.summary.sections += 1;
        }

        for mut value in d.measures {
            let section = take_key(&mut value, "section")?;
            let section_id = self.lookup("section", &section)?;
            value["section_id"] = json!(section_id);
            let measure: MeasureDraft = parse("measures", value)?;
            let code = measure.code.to_string();
            measure.check().map_err(|e| invalid(&format!("measures[{code}]"), e))?;
            let id = self.id("measure", &code);
            create_in::<Measures>(self.txn, &self.actor, self.meta(id, None), measure).await?;
            self.summary.measures += 1;
        }

        // Parents before their children.
        let mut pending = d.partners;
        while !pending.is_empty() {
            let before = pending.len();
            let mut later = Vec::new();
            for value in pending {
                let parent = value.get("parent").and_then(Value::as_str).map(str::to_owned);
                if parent.as_ref().is_some_and(|p| !self.ids.contains_key(&("partner", p.clone()))) {
                    later.push(value);
                    continue;
                }
                self.partner(value, parent).await?;
            }
            if later.len() == before {
                return Err(SeedError::Invalid("partners: a parent is missing or the parents form a cycle".into()));
            }
            pending = later;
        }

        for mut value in d.activities {
            let key = take_key(&mut value, "key")?;
            value["measure_ids"] = json!(self.lookup_all("measure", value.get("measures"))?);
            remove(&mut value, "measures");
            let partners = self.partner_links(value.get("partners"))?;
            value["partners"] = json!(partners);
            let publication = take_publication(&mut value)?;
            let activity: ActivityDraft = parse(&format!("activities[{key}]"), value)?;
            activity.check().map_err(|e| invalid(&format!("activities[{key}]"), e))?;
            let id = self.id("activity", &key);
            create_in::<Activities>(self.txn, &self.actor, self.meta(id, Some(publication)), activity).await?;
            self.summary.activities += 1;
        }

        for mut value in d.grants {
            let key = take_key(&mut value, "key")?;
            let donor = take_key(&mut value, "donor")?;
            value["donor_id"] = json!(self.lookup("partner", &donor)?);
            value["measure_ids"] = json!(self.lookup_all("measure", value.get("measures"))?);
            value["activity_ids"] = json!(self.lookup_all("activity", value.get("activities"))?);
            remove(&mut value, "measures");
            remove(&mut value, "activities");
            let publication = take_publication(&mut value)?;
            let grant: GrantDraft = parse(&format!("grants[{key}]"), value)?;
            grant.check().map_err(|e| invalid(&format!("grants[{key}]"), e))?;
            let id = self.id("grant", &key);
            create_in::<Grants>(self.txn, &self.actor, self.meta(id, Some(publication)), grant).await?;
            self.summary.grants += 1;
        }

        for mut value in d.agreements {
            let key = take_key(&mut value, "key")?;
            value["measure_ids"] = json!(self.lookup_all("measure", value.get("measures"))?);
            remove(&mut value, "measures");
            if let Some(parties) = value.get_mut("parties").and_then(Value::as_array_mut) {
                for party in parties {
                    if let Some(partner) = party.get("partner").and_then(Value::as_str).map(str::to_owned) {
                        party["partner_id"] = json!(self.lookup("partner", &partner)?);
                        remove(party, "partner");
                    }
                }
            }
            let publication = take_publication(&mut value)?;
            let agreement: AgreementDraft = parse(&format!("agreements[{key}]"), value)?;
            agreement.check().map_err(|e| invalid(&format!("agreements[{key}]"), e))?;
            let id = self.id("agreement", &key);
            create_in::<Agreements>(self.txn, &self.actor, self.meta(id, Some(publication)), agreement).await?;
            self.summary.agreements += 1;
        }
        Ok(self.summary)
    }

    async fn partner(&mut self, mut value: Value, parent: Option<String>) -> Result<(), SeedError> {
        let key = take_key(&mut value, "key")?;
        if let Some(parent) = parent {
            value["parent_id"] = json!(self.lookup("partner", &parent)?);
            remove(&mut value, "parent");
        }
        let publication = take_publication(&mut value)?;
        let partner: PartnerDraft = parse(&format!("partners[{key}]"), value)?;
        partner.check().map_err(|e| invalid(&format!("partners[{key}]"), e))?;
        let id = self.id("partner", &key);
        create_in::<Partners>(self.txn, &self.actor, self.meta(id, Some(publication)), partner).await?;
        self.summary.partners += 1;
        Ok(())
    }

    /// The stable id of a record of this dataset, remembered for references.
    fn id(&mut self, kind: &'static str, key: &str) -> Uuid {
        let id = record_id(&self.name, kind, key);
        self.ids.insert((kind, key.to_owned()), id);
        id
    }

    fn lookup(&self, kind: &'static str, key: &str) -> Result<Uuid, SeedError> {
        self.ids.get(&(kind, key.to_owned())).copied().ok_or_else(|| SeedError::Invalid(format!("no {kind} '{key}'")))
    }

    fn lookup_all(&self, kind: &'static str, keys: Option<&Value>) -> Result<Vec<Uuid>, SeedError> {
        let Some(keys) = keys else { return Ok(Vec::new()) };
        let keys =
            keys.as_array().ok_or_else(|| SeedError::Invalid(format!("the {kind} references are not a list")))?;
        keys.iter()
            .map(|k| {
                let key =
                    k.as_str().ok_or_else(|| SeedError::Invalid(format!("a {kind} reference is not a string")))?;
                self.lookup(kind, key)
            })
            .collect()
    }

    fn partner_links(&self, links: Option<&Value>) -> Result<Vec<Value>, SeedError> {
        let Some(links) = links.and_then(Value::as_array) else { return Ok(Vec::new()) };
        links
            .iter()
            .map(|link| {
                let key = link.get("partner").and_then(Value::as_str).unwrap_or_default();
                let mut out = Map::new();
                out.insert("partner_id".into(), json!(self.lookup("partner", key)?));
                if let Some(role) = link.get("role") {
                    out.insert("role".into(), role.clone());
                }
                Ok(Value::Object(out))
            })
            .collect()
    }

    fn meta(&self, id: Uuid, publication: Option<PublicationState>) -> Meta {
        let now = crate::support::now();
        Meta { id, version: 1, created_at: now, updated_at: now, publication }
    }
}

/// A record's workflow state in the dataset (`publication`), draft when it gives none.
fn take_publication(value: &mut Value) -> Result<PublicationState, SeedError> {
    let state = match value.get("publication").and_then(Value::as_str) {
        None => PublicationState::Draft,
        Some(text) => PublicationState::parse(text).ok_or_else(|| {
            SeedError::Invalid(format!("'{text}' is not a publication state: {}", PublicationState::expected()))
        })?,
    };
    remove(value, "publication");
    Ok(state)
}

fn take_key(value: &mut Value, field: &str) -> Result<String, SeedError> {
    let key = value.get(field).and_then(Value::as_str).map(str::to_owned);
    remove(value, field);
    key.ok_or_else(|| SeedError::Invalid(format!("a record has no '{field}': {value}")))
}

fn remove(value: &mut Value, field: &str) {
    if let Some(object) = value.as_object_mut() {
        object.remove(field);
    }
}

fn parse<T: serde::de::DeserializeOwned + serde::Serialize>(what: &str, value: Value) -> Result<T, SeedError> {
    from_value(value).map_err(|e| invalid(what, e))
}

fn invalid(what: &str, errors: FieldErrors) -> SeedError {
    let lines: Vec<String> = errors.errors().iter().map(|e| format!("{what}.{}: {}", e.field, e.message)).collect();
    SeedError::Invalid(lines.join("\n"))
}
