//! What the activity form offers to choose from: the closed vocabularies in words, the programme's measures by
//! section, and the partners.

use intercoop_domain::{ActivityFormat, ActivityKind, ActivityStatus, DatePrecision, PartnerKind, PartnerRole};
use intercoop_operations::records::partners::{self, Partner, PartnerFilter, PartnerSort};
use intercoop_operations::records::programmes;
use intercoop_operations::{Caller, Database, PageRequest, Result, Sort};

use crate::forms::activity::ActivityForm;
use crate::i18n::Tr;

/// An option of a select or a checkbox of a list.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

/// A section of the programme with its measures to tick.
pub struct MeasureGroup {
    pub title: String,
    pub measures: Vec<Choice>,
}

/// A partner to tick, with the role it had.
pub struct PartnerChoice {
    pub id: String,
    pub name: String,
    /// Its other names, for the search.
    pub also: String,
    pub chosen: bool,
    pub roles: Vec<Choice>,
}

/// Every choice of the form.
pub struct Choices {
    pub kinds: Vec<Choice>,
    pub precisions: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub measures: Vec<MeasureGroup>,
    pub partners: Vec<PartnerChoice>,
    pub partner_kinds: Vec<Choice>,
    pub partner_roles: Vec<Choice>,
}

/// A closed vocabulary in words, `chosen` picked.
pub fn vocabulary<T: Copy>(tr: Tr, name: &str, all: &[T], text: fn(&T) -> &'static str, chosen: &str) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice { value: text(v).to_owned(), label: tr.term(name, text(v)), chosen: text(v) == chosen })
        .collect()
}

/// The most partners the form lists; the rest are found by the search of the partner list.
const PARTNERS: u64 = 2000;

/// The programmes' measures by section, those in `chosen` ticked.
pub async fn measure_groups(db: &Database, tr: Tr, chosen: &[String]) -> Result<Vec<MeasureGroup>> {
    let programmes = programmes::list(db, None, None, PageRequest { limit: 20, offset: 0 }).await?;
    let mut measures = Vec::new();
    for programme in &programmes.items {
        let structure = programmes::structure(db, programme.meta.id).await?;
        for (section, list) in structure.sections {
            measures.push(MeasureGroup {
                title: format!("{}. {}", section.data.section.number, tr.pick(&section.data.section.title)),
                measures: list
                    .iter()
                    .map(|m| Choice {
                        value: m.meta.id.to_string(),
                        label: format!("{} {}", m.data.code, tr.pick(&m.data.title)),
                        chosen: chosen.contains(&m.meta.id.to_string()),
                    })
                    .collect(),
            });
        }
    }
    Ok(measures)
}

/// The partners to pick from, by name: the first [`PARTNERS`], and those in `keep` (a record's own) whatever
/// the limit, so that a save keeps them.
pub async fn partner_list(db: &Database, caller: &Caller, keep: &[String]) -> Result<Vec<Partner>> {
    let all = partners::list(
        db,
        caller,
        &PartnerFilter::default(),
        Sort { column: PartnerSort::Name, descending: false },
        PageRequest { limit: PARTNERS, offset: 0 },
    )
    .await?;
    let mut listed = all.items;
    for id in keep {
        let Ok(id) = uuid::Uuid::parse_str(id) else { continue };
        if !listed.iter().any(|p| p.meta.id == id)
            && let Ok(partner) = partners::get(db, caller, id).await
        {
            listed.push(partner);
        }
    }
    Ok(listed)
}

pub async fn load(db: &Database, caller: &Caller, tr: Tr, form: &ActivityForm) -> Result<Choices> {
    let measures = measure_groups(db, tr, &form.measure_ids).await?;
    let partners = partner_list(db, caller, &form.partner_ids)
        .await?
        .iter()
        .map(|p| {
            let id = p.meta.id.to_string();
            let role = form.role_of(&id);
            let mut also: Vec<String> = p.data.aliases.clone();
            also.extend(p.data.name.en.clone());
            PartnerChoice {
                chosen: form.partner_ids.contains(&id),
                name: tr.pick(&p.data.name).to_owned(),
                also: also.join("; "),
                roles: PartnerRole::ALL
                    .iter()
                    .map(|r| Choice {
                        value: format!("{id}:{}", r.as_str()),
                        label: tr.term("partner-role", r.as_str()),
                        chosen: *r == role,
                    })
                    .collect(),
                id,
            }
        })
        .collect();
    Ok(Choices {
        kinds: vocabulary(tr, "kind", ActivityKind::ALL, ActivityKind::as_str, &form.kind),
        precisions: vocabulary(tr, "precision", DatePrecision::ALL, DatePrecision::as_str, &form.date_precision),
        formats: vocabulary(tr, "format", ActivityFormat::ALL, ActivityFormat::as_str, &form.format),
        statuses: vocabulary(tr, "status", ActivityStatus::ALL, ActivityStatus::as_str, &form.status),
        measures,
        partners,
        partner_kinds: vocabulary(tr, "partner-kind", PartnerKind::ALL, PartnerKind::as_str, &form.new_partner_kind),
        partner_roles: vocabulary(tr, "partner-role", PartnerRole::ALL, PartnerRole::as_str, &form.new_partner_role),
    })
}
