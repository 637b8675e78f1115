use intercoop_domain::{
    Coordinates, CountryCode, FieldErrors, LocalizedText, Meta, PartnerDraft, PartnerKind, PublicationState, Stored,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::crud::{self, Record};
use crate::entities::JsonOf;
use crate::entities::partner::{self, ActiveModel, Column, Entity, Model};
use crate::links::LinkTable;
use crate::support::{
    Page, PageRequest, Sort, Visibility, check_ref, contains, from_json, from_json_text, parse_stored,
};
use crate::{Database, RepoError};

pub type Partner = Stored<PartnerDraft>;

/// Filters of the partner list; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct PartnerFilter {
    /// Records changed at or after this time.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Records owned by this organisational unit.
    pub owner_unit: Option<String>,
    pub kind: Option<PartnerKind>,
    pub country: Option<CountryCode>,
    pub parent_id: Option<Uuid>,
    pub publication: Option<PublicationState>,
    /// Words in the name, the English name or an alias, in any case.
    pub q: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerSort {
    Name,
    CreatedAt,
    UpdatedAt,
}

pub(crate) struct Partners;

impl Record for Partners {
    type Draft = PartnerDraft;
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Column = Column;
    const KIND: &'static str = "partner";
    const ID: Column = Column::Id;

    fn read() -> sea_orm::Select<Entity> {
        crate::support::without_search_text::<Entity>()
    }

    const WORKFLOW: bool = true;

    async fn check_references(
        txn: &DatabaseTransaction,
        id: Option<Uuid>,
        draft: &PartnerDraft,
    ) -> Result<(), RepoError> {
        let mut errors = FieldErrors::new();
        check_ref(txn, "partners", "partner", "parent_id", draft.parent_id, &mut errors).await?;
        if let (Some(id), Some(parent)) = (id, draft.parent_id) {
            let mut cursor = Some(parent);
            for _ in 0..64 {
                let Some(current) = cursor else { break };
                if current == id {
                    errors.add("parent_id", "cycle", "a partner cannot be its own parent, directly or through others");
                    break;
                }
                cursor = Entity::find_by_id(current).one(txn).await?.and_then(|m| m.parent_id);
            }
        }
        errors.into_result().map_err(RepoError::Invalid)
    }

    fn clash(draft: &PartnerDraft) -> String {
        format!("a partner named '{}' exists already", draft.name.uk.trim())
    }

    fn in_use() -> String {
        "the partner is still named by activities, grants, agreements or other partners; remove those links first"
            .into()
    }

    fn to_model(record: &Partner) -> Model {
        let d = &record.data;
        partner::Model {
            id: record.meta.id,
            version: record.meta.version,
            created_at: record.meta.created_at,
            updated_at: record.meta.updated_at,
            name: JsonOf(d.name.clone()),
            name_key: d.name_key(),
            aliases: JsonOf(d.aliases.clone()),
            kind: d.kind.as_str().into(),
            country: d.country.map(|c| c.as_str().into()),
            city: d.city.clone().map(JsonOf),
            website: d.website.clone(),
            parent_id: d.parent_id,
            partner_since: d.partner_since,
            latitude: d.coordinates.map(|c| c.latitude),
            longitude: d.coordinates.map(|c| c.longitude),
            publication: record.meta.publication.unwrap_or_default().as_str().into(),
            owner_unit: d.owner_unit.clone(),
            search_text: d.search_text(),
        }
    }

    fn from_model(m: Model) -> Result<Partner, RepoError> {
        let data = PartnerDraft {
            name: m.name.0,
            aliases: m.aliases.0,
            kind: parse_stored(&m.kind, PartnerKind::parse, "partner kind")?,
            country: m
                .country
                .as_deref()
                .map(|c| parse_stored(c, |c| CountryCode::parse(c).ok(), "country"))
                .transpose()?,
            city: m.city.map(|c| c.0),
            website: m.website,
            parent_id: m.parent_id,
            partner_since: m.partner_since,
            coordinates: match (m.latitude, m.longitude) {
                (Some(latitude), Some(longitude)) => Some(Coordinates { latitude, longitude }),
                _ => None,
            },
            owner_unit: m.owner_unit,
        };
        Ok(Stored {
            meta: Meta {
                id: m.id,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
                publication: Some(parse_stored(&m.publication, PublicationState::parse, "publication")?),
            },
            data,
        })
    }
}

crud::repository!(Partners, PartnerDraft, Partner);
crud::workflow!(Partners, PartnerDraft, Partner);

pub async fn list(
    db: &Database,
    visibility: Visibility,
    filter: &PartnerFilter,
    sort: Sort<PartnerSort>,
    page: PageRequest,
) -> Result<Page<Partner>, RepoError> {
    let mut cond = Condition::all();
    if let Some(since) = filter.updated_since {
        cond = cond.add(Column::UpdatedAt.gte(since));
    }
    if visibility == Visibility::PublishedOnly {
        cond = cond.add(Column::Publication.eq(PublicationState::Published.as_str()));
    }
    if let Some(p) = filter.publication {
        cond = cond.add(Column::Publication.eq(p.as_str()));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(Column::Kind.eq(kind.as_str()));
    }
    if let Some(country) = filter.country {
        cond = cond.add(Column::Country.eq(country.as_str()));
    }
    if let Some(parent) = filter.parent_id {
        cond = cond.add(Column::ParentId.eq(parent));
    }
    if let Some(unit) = &filter.owner_unit {
        cond = cond.add(Column::OwnerUnit.eq(unit.clone()));
    }
    if let Some(q) = &filter.q {
        cond = cond.add(contains("search_text", q));
    }
    let order = match sort.column {
        PartnerSort::Name => Column::NameKey,
        PartnerSort::CreatedAt => Column::CreatedAt,
        PartnerSort::UpdatedAt => Column::UpdatedAt,
    };
    crud::page::<Partners>(db.connection(), Entity::find().filter(cond), order, sort.descending, page).await
}

/// What other records show of a partner.
#[derive(Debug, Clone)]
pub struct PartnerRef {
    pub id: Uuid,
    pub name: LocalizedText,
    pub kind: PartnerKind,
    pub country: Option<CountryCode>,
    /// Whether the partner itself is published: anonymous callers see nothing of one that is not, even where a
    /// published record names it.
    pub published: bool,
}

/// The partners linked to each of `owners` through `table`, with the owner's id and the link's extra text, in
/// stored order.
pub(crate) async fn linked(
    conn: &impl ConnectionTrait,
    table: &LinkTable,
    owners: &[Uuid],
) -> Result<Vec<(Uuid, Option<String>, PartnerRef)>, RepoError> {
    let rows = table.joined(conn, owners, "partners", &["id", "kind", "country", "publication"], &["name"]).await?;
    rows.iter()
        .map(|row| {
            let name: String = row.try_get("", "name")?;
            let kind: String = row.try_get("", "kind")?;
            let country: Option<String> = row.try_get("", "country")?;
            let publication: String = row.try_get("", "publication")?;
            let partner = PartnerRef {
                published: is_published(&publication),
                id: row.try_get("", "id")?,
                name: from_json_text(&name, "partner name")?,
                kind: parse_stored(&kind, PartnerKind::parse, "partner kind")?,
                country: country
                    .as_deref()
                    .map(|c| parse_stored(c, |c| CountryCode::parse(c).ok(), "country"))
                    .transpose()?,
            };
            let extra = match table.extra {
                Some(_) => Some(row.try_get("", "extra")?),
                None => None,
            };
            Ok((row.try_get("", "owner")?, extra, partner))
        })
        .collect()
}

fn is_published(publication: &str) -> bool {
    publication == intercoop_domain::PublicationState::Published.as_str()
}

/// The partners with these ids, for embedding in other records.
pub(crate) async fn refs(conn: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<PartnerRef>, RepoError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    use sea_orm::QuerySelect;
    let mut refs = Vec::with_capacity(ids.len());
    for ids in ids.chunks(crate::support::IN_LIST_MAX) {
        let rows: Vec<(Uuid, sea_orm::JsonValue, String, Option<String>, String)> = Entity::find()
            .select_only()
            .columns([Column::Id, Column::Name, Column::Kind, Column::Country, Column::Publication])
            .filter(Column::Id.is_in(ids.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, name, kind, country, publication) in rows {
            refs.push(PartnerRef {
                published: is_published(&publication),
                id,
                name: from_json(name, "partner name")?,
                kind: parse_stored(&kind, PartnerKind::parse, "partner kind")?,
                country: country
                    .as_deref()
                    .map(|c| parse_stored(c, |c| CountryCode::parse(c).ok(), "country"))
                    .transpose()?,
            });
        }
    }
    Ok(refs)
}

/// Every partner's names and aliases, for the near-match check.
pub(crate) async fn names(db: &Database) -> Result<Vec<intercoop_domain::report::PartnerNames>, RepoError> {
    let models = Entity::find().all(db.connection()).await?;
    models
        .into_iter()
        .map(|m| {
            let p = Partners::from_model(m)?;
            Ok(intercoop_domain::report::PartnerNames {
                id: p.meta.id,
                name: p.data.name,
                aliases: p.data.aliases,
                country: p.data.country,
            })
        })
        .collect()
}
