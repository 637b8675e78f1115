//! Each public record as a row of its dataset: the keys are the dataset's columns; localized text stays
//! `{"uk", "en"}` and lists stay arrays (the CSV flattens both). Nothing personal: no participants, no accounts.

use std::collections::HashMap;

use intercoop_domain::LocalizedText;
use intercoop_persistence::activities::ActivityView;
use intercoop_persistence::agreements::Agreement;
use intercoop_persistence::grants::Grant;
use intercoop_persistence::measures::{Measure, MeasureRef};
use intercoop_persistence::partners::{Partner, PartnerRef};
use serde_json::{Map, Value, json};
use uuid::Uuid;

pub type Row = Map<String, Value>;

fn text(t: &LocalizedText) -> Value {
    json!({"uk": t.uk, "en": t.en})
}

fn opt_text(t: &Option<LocalizedText>) -> Value {
    t.as_ref().map(text).unwrap_or(Value::Null)
}

fn object(value: Value) -> Row {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("rows are objects"),
    }
}

fn codes(ids: &[Uuid], measures: &HashMap<Uuid, MeasureRef>) -> Value {
    let mut refs: Vec<&MeasureRef> = ids.iter().filter_map(|id| measures.get(id)).collect();
    refs.sort_by_key(|m| m.code);
    json!(refs.iter().map(|m| m.code.to_string()).collect::<Vec<_>>())
}

pub fn measure(m: &Measure) -> Row {
    let d = &m.data;
    let funding: Vec<String> = d
        .funding
        .iter()
        .map(|f| {
            let source = f.source.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
            format!("{}: {} {}{source}", f.year, f.amount, f.currency.as_str())
        })
        .collect();
    object(json!({
        "id": m.meta.id,
        "code": d.code.to_string(),
        "title": text(&d.title),
        "section_id": d.section_id,
        "responsible_units": d.responsible_units,
        "planned_funding": funding,
        "created_at": m.meta.created_at,
        "updated_at": m.meta.updated_at,
    }))
}

pub fn activity(v: &ActivityView) -> Row {
    let (m, d) = (&v.record.meta, &v.record.data);
    let mut measure_codes: Vec<String> = v.measures.iter().map(|m| m.code.to_string()).collect();
    measure_codes.dedup();
    object(json!({
        "id": m.id,
        "title": text(&d.title),
        "kind": d.kind.as_str(),
        "status": d.status.as_str(),
        "format": d.format.as_str(),
        "start_date": d.start_date,
        "end_date": d.end_date,
        "date_precision": d.date_precision.as_str(),
        "additional_dates": d.additional_dates,
        "place_city": d.place.as_ref().map(|p| opt_text(&p.city)).unwrap_or(Value::Null),
        "place_country": d.place.as_ref().and_then(|p| p.country).map(|c| c.as_str().to_owned()),
        "measure_codes": measure_codes,
        "partner_ids": v.partners.iter().map(|p| p.id).collect::<Vec<_>>(),
        "partner_names": v.partners.iter().map(|p| text(&p.name)).collect::<Vec<_>>(),
        "partner_roles": v.partners.iter().map(|p| {
            d.partners.iter().find(|l| l.partner_id == p.id).map(|l| l.role.as_str())
        }).collect::<Vec<_>>(),
        "description": opt_text(&d.description),
        "outcome": opt_text(&d.outcome),
        "links": d.links,
        "owner_unit": d.owner_unit,
        "created_at": m.created_at,
        "updated_at": m.updated_at,
    }))
}

pub fn partner(p: &Partner) -> Row {
    let d = &p.data;
    object(json!({
        "id": p.meta.id,
        "name": text(&d.name),
        "aliases": d.aliases,
        "kind": d.kind.as_str(),
        "country": d.country.map(|c| c.as_str().to_owned()),
        "city": opt_text(&d.city),
        "website": d.website,
        "parent_id": d.parent_id,
        "partner_since": d.partner_since,
        "latitude": d.coordinates.map(|c| c.latitude),
        "longitude": d.coordinates.map(|c| c.longitude),
        "owner_unit": d.owner_unit,
        "created_at": p.meta.created_at,
        "updated_at": p.meta.updated_at,
    }))
}

/// A grant's row; `partners` holds the published partners only, and of a donor that is not, the row says nothing.
pub fn grant(g: &Grant, partners: &HashMap<Uuid, PartnerRef>, measures: &HashMap<Uuid, MeasureRef>) -> Row {
    let d = &g.data;
    object(json!({
        "id": g.meta.id,
        "project_title": text(&d.project_title),
        "description": opt_text(&d.description),
        "donor_id": partners.get(&d.donor_id).map(|p| p.id),
        "donor_name": partners.get(&d.donor_id).map(|p| text(&p.name)),
        "instrument": d.instrument,
        "amount": d.amount,
        "currency": d.currency.as_str(),
        "status": d.status.as_str(),
        "applied_on": d.applied_on,
        "awarded_on": d.awarded_on,
        "start_date": d.start_date,
        "end_date": d.end_date,
        "measure_codes": codes(&d.measure_ids, measures),
        "activity_ids": d.activity_ids,
        "owner_unit": d.owner_unit,
        "created_at": g.meta.created_at,
        "updated_at": g.meta.updated_at,
    }))
}

/// An agreement's row; `partners` holds the published partners only, and the parties that are not are left out.
pub fn agreement(a: &Agreement, partners: &HashMap<Uuid, PartnerRef>, measures: &HashMap<Uuid, MeasureRef>) -> Row {
    let d = &a.data;
    let parties: Vec<Value> = d
        .parties
        .iter()
        .map(|p| match (p.partner_id.and_then(|id| partners.get(&id)), &p.name) {
            (Some(partner), _) => text(&partner.name),
            (None, Some(name)) => text(name),
            (None, None) => Value::Null,
        })
        .filter(|v| !v.is_null())
        .collect();
    object(json!({
        "id": a.meta.id,
        "title": text(&d.title),
        "kind": d.kind.as_str(),
        "status": d.status.as_str(),
        "signed_on": d.signed_on,
        "valid_until": d.valid_until,
        "parties": parties,
        "partner_ids": d.parties.iter().filter_map(|p| p.partner_id).filter(|id| partners.contains_key(id)).collect::<Vec<_>>(),
        "document_url": d.document_url,
        "description": opt_text(&d.description),
        "measure_codes": codes(&d.measure_ids, measures),
        "owner_unit": d.owner_unit,
        "created_at": a.meta.created_at,
        "updated_at": a.meta.updated_at,
    }))
}
