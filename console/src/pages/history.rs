//! A record's history: who changed what, when, each field before and after; and the restore of the fields one
//! change touched to what they were before it, as an ordinary change (the record's own operation, with its checks,
//! its version rule and its audit entry).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Editor;
use intercoop_operations::records::{activities, agreements, grants, partners};
use intercoop_operations::{Database, IfMatch, trail};
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::BASE;
use crate::forms;
use crate::i18n::Tr;
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::workflow::{Collection, editable};
use crate::session::Staff;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/{collection}/{id}/history", web::get().to(show))
        .route("/{collection}/{id}/history/{entry}/restore", web::post().to(restore));
}

/// The record as it is now: its title, version, unit, state and content (as the API writes it).
struct Current {
    title: String,
    version: i32,
    editable: bool,
    content: Value,
}

async fn current<R: intercoop_domain::roles::MinRole>(
    db: &Database,
    staff: &Staff<R>,
    collection: Collection,
    id: Uuid,
) -> Result<Current, PageError> {
    let lang = staff.tr.lang;
    let failed = |e| PageError::from_operation(lang, e);
    let (title, meta, unit, content) = match collection {
        Collection::Activities => {
            let view = activities::get(db, staff.caller(), id).await.map_err(failed)?;
            let data = view.record.data;
            (
                staff.tr.pick(&data.title).to_owned(),
                view.record.meta,
                data.owner_unit.clone(),
                serde_json::to_value(&data),
            )
        }
        Collection::Partners => {
            let partner = partners::get(db, staff.caller(), id).await.map_err(failed)?;
            let data = partner.data;
            (staff.tr.pick(&data.name).to_owned(), partner.meta, data.owner_unit.clone(), serde_json::to_value(&data))
        }
        Collection::Grants => {
            let grant = grants::get(db, staff.caller(), id).await.map_err(failed)?;
            let data = grant.data;
            let title = staff.tr.pick(&data.project_title).to_owned();
            (title, grant.meta, data.owner_unit.clone(), serde_json::to_value(&data))
        }
        Collection::Agreements => {
            let agreement = agreements::get(db, staff.caller(), id).await.map_err(failed)?;
            let data = agreement.data;
            (
                staff.tr.pick(&data.title).to_owned(),
                agreement.meta,
                data.owner_unit.clone(),
                serde_json::to_value(&data),
            )
        }
    };
    Ok(Current {
        title,
        version: meta.version,
        editable: editable(staff, unit.as_deref(), meta.publication),
        content: content.map_err(|e| PageError::internal(lang, e))?,
    })
}

struct FieldChange {
    field: String,
    before: String,
    after: String,
}

struct EntryView {
    id: String,
    at: String,
    actor: String,
    action: String,
    version: String,
    fields: Vec<FieldChange>,
    /// Whether restoring the fields this change touched would change anything.
    restorable: bool,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    shell: Shell,
    back: String,
    collection: &'static str,
    record_id: String,
    version: i32,
    editable: bool,
    entries: Vec<EntryView>,
}

/// A value as a person reads it: text as it is, localized text as its languages, lists joined.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", shown(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The merge patch that puts back the values before `changes` for the fields the record still has; an object is
/// put back whole (its keys that were absent become null).
fn restoring(changes: &Value, content: &Value) -> Map<String, Value> {
    let mut patch = Map::new();
    for (field, change) in changes.as_object().into_iter().flatten() {
        let Some(now) = content.get(field) else { continue };
        let mut before = change["before"].clone();
        if let (Value::Object(old), Value::Object(new)) = (&mut before, now) {
            for key in new.keys() {
                old.entry(key.clone()).or_insert(Value::Null);
            }
        }
        if &before != now {
            patch.insert(field.clone(), before);
        }
    }
    patch
}

fn entry_view(tr: Tr, entry: &trail::AuditEntry, content: &Value) -> EntryView {
    let fields = entry
        .changes
        .as_object()
        .into_iter()
        .flatten()
        .map(|(field, change)| FieldChange {
            field: tr.record_field(field),
            before: shown(&change["before"]),
            after: shown(&change["after"]),
        })
        .collect();
    EntryView {
        id: entry.id.to_string(),
        at: entry.at.format("%Y-%m-%d %H:%M").to_string(),
        actor: entry.actor.clone(),
        action: tr.term("action", &entry.action),
        version: entry.record_version.map(|v| v.to_string()).unwrap_or_default(),
        fields,
        restorable: entry.action == "update" && !restoring(&entry.changes, content).is_empty(),
    }
}

fn parse(staff_lang: crate::Lang, collection: &str, id: &str) -> Result<(Collection, Uuid), PageError> {
    let collection = Collection::parse(collection).ok_or_else(|| PageError::not_found(staff_lang))?;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(staff_lang))?;
    Ok((collection, id))
}

pub async fn show(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let (collection, id) = parse(tr.lang, &path.0, &path.1)?;
    let now = current(&db, &staff, collection, id).await?;
    let entries = trail::history(&db, staff.caller(), collection.record_type(), id)
        .await
        .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let page = HistoryPage {
        shell: Shell::new(&req, &staff, collection.name(), tr.with("history-title", "title", &now.title)),
        back: format!("{BASE}/{}/{id}", collection.name()),
        collection: collection.name(),
        record_id: id.to_string(),
        version: now.version,
        editable: now.editable,
        entries: entries.iter().rev().map(|e| entry_view(tr, e, &now.content)).collect(),
    };
    render(&page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RestoreForm {
    csrf: String,
    version: Option<i32>,
}

/// Puts back the fields one change touched as they were before it, over the version the page showed.
pub async fn restore(
    staff: Staff<Editor>,
    db: web::Data<Database>,
    path: web::Path<(String, String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let form: RestoreForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let (collection, id) = parse(lang, &path.0, &path.1)?;
    let entry_id = Uuid::parse_str(&path.2).map_err(|_| PageError::not_found(lang))?;
    let now = current(&db, &staff, collection, id).await?;
    let entries = trail::history(&db, staff.caller(), collection.record_type(), id)
        .await
        .map_err(|e| PageError::from_operation(lang, e))?;
    let entry = entries.iter().find(|e| e.id == entry_id).ok_or_else(|| PageError::not_found(lang))?;
    let patch = restoring(&entry.changes, &now.content);
    if entry.action != "update" || patch.is_empty() {
        let message = staff.tr.t("error-restore-nothing");
        return Err(PageError::new(actix_web::http::StatusCode::CONFLICT, lang, message));
    }
    let patch = Value::Object(patch);
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    let failed = |e| PageError::from_operation(lang, e);
    match collection {
        Collection::Activities => {
            activities::patch(&db, staff.caller(), id, &if_match, patch).await.map_err(failed)?;
        }
        Collection::Partners => {
            partners::patch(&db, staff.caller(), id, &if_match, patch).await.map_err(failed)?;
        }
        Collection::Grants => {
            grants::patch(&db, staff.caller(), id, &if_match, patch).await.map_err(failed)?;
        }
        Collection::Agreements => {
            agreements::patch(&db, staff.caller(), id, &if_match, patch).await.map_err(failed)?;
        }
    }
    Ok(see_other(&format!("{BASE}/{}/{id}/history?done=restored", collection.name())))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_restore_puts_back_the_fields_a_change_touched() {
        let changes = json!({"title": {"before": {"uk": "Старе"}, "after": {"uk": "Нове", "en": "New"}}, "gone": {"before": 1, "after": 2}});
        let content = json!({"title": {"uk": "Нове", "en": "New"}, "kind": "meeting"});
        let patch = super::restoring(&changes, &content);
        assert_eq!(serde_json::Value::Object(patch), json!({"title": {"uk": "Старе", "en": null}}));
    }
}
