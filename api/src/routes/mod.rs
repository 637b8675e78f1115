//! The HTTP operations, a folder per resource and a file per operation. Registering a handler here documents it in
//! the OpenAPI contract.

use actix_web::HttpResponse;
use actix_web::http::header;
use intercoop_domain::PublicationState;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Authorized, MinRole, Role};
use crate::error::ApiError;
use crate::extract::from_value;

pub mod activities;
pub mod agreements;
pub mod audit;
pub mod auth;
pub mod changes;
mod editing;
pub mod grants;
pub mod health;
pub mod imports;
pub mod measures;
pub mod open_data;
pub mod partners;
pub mod problem_types;
pub mod problems;
pub mod programmes;
pub mod reports;
pub mod service_accounts;
pub mod users;
pub mod webhooks;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(health::configure);
    cfg.configure(problem_types::configure);
    cfg.service(utoipa_actix_web::scope("/open-data/v1").configure(open_data::configure));
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            .configure(auth::configure)
            .configure(users::configure)
            .configure(service_accounts::configure)
            .configure(programmes::configure)
            .configure(reports::configure)
            .configure(measures::configure)
            .configure(activities::configure)
            .configure(partners::configure)
            .configure(grants::configure)
            .configure(agreements::configure)
            .configure(editing::configure)
            .configure(workflow::configure)
            .configure(audit::configure)
            .configure(changes::configure)
            .configure(webhooks::configure)
            .configure(imports::configure),
    );
}

/// Generates the response type of a record: its id, version and timestamps, then its content.
macro_rules! record_response {
    ($(#[$meta:meta])* $name:ident, $draft:ty) => {
        $(#[$meta])*
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            /// The record's id.
            pub id: uuid::Uuid,
            /// Starts at 1 and grows by one with every change.
            pub version: i32,
            /// When the record was created.
            pub created_at: chrono::DateTime<chrono::Utc>,
            /// When the record last changed.
            pub updated_at: chrono::DateTime<chrono::Utc>,
            /// Where the record stands in its workflow (`draft`, `published`, `withdrawn`); changed only by
            /// `POST .../publish`, `.../withdraw` and `.../reopen`. Absent for the programme structure.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub publication: Option<intercoop_domain::PublicationState>,
            #[serde(flatten)]
            pub data: $draft,
        }

        impl From<intercoop_domain::Stored<$draft>> for $name {
            fn from(record: intercoop_domain::Stored<$draft>) -> Self {
                Self {
                    id: record.meta.id,
                    version: record.meta.version,
                    created_at: record.meta.created_at,
                    updated_at: record.meta.updated_at,
                    publication: record.meta.publication,
                    data: record.data,
                }
            }
        }
    };
}
pub(crate) use record_response;

/// 201 Created with the new record's URL in `Location` and its `ETag`.
pub fn created<T: Serialize>(location: String, version: i32, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header((header::ETAG, crate::preconditions::etag(version)))
        .json(body)
}

/// Applies an RFC 7396 JSON merge patch to the record's content and reads the result strictly. A null removes a
/// field; a null for a name the record does not have is an unknown field, as any other value for it would be.
pub fn merge_patch<T: Serialize + DeserializeOwned>(current: &T, patch: serde_json::Value) -> Result<T, ApiError> {
    if !patch.is_object() {
        return Err(ApiError::validation(intercoop_domain::FieldErrors::single(
            "",
            "invalid",
            "a merge patch is a JSON object of the fields to change",
        )));
    }
    let mut target = serde_json::to_value(current).map_err(ApiError::internal)?;
    let mut absent = serde_json::Map::new();
    merge(&mut target, patch, &mut absent);
    let parsed: T = from_value(target)?;
    let known = serde_json::to_value(&parsed).map_err(ApiError::internal)?;
    intercoop_domain::strict::check_known_fields(&serde_json::Value::Object(absent), &known)
        .map_err(ApiError::validation)?;
    Ok(parsed)
}

/// Merges `patch` into `target`, and into `absent` the nulls that named no field there (at their depth).
fn merge(
    target: &mut serde_json::Value,
    patch: serde_json::Value,
    absent: &mut serde_json::Map<String, serde_json::Value>,
) {
    match patch {
        serde_json::Value::Object(fields) => {
            if !target.is_object() {
                *target = serde_json::Value::Object(Default::default());
            }
            let object = target.as_object_mut().expect("made an object above");
            for (key, value) in fields {
                if value.is_null() {
                    if object.remove(&key).is_none() {
                        absent.insert(key, value);
                    }
                } else {
                    let mut inner = serde_json::Map::new();
                    merge(object.entry(key.clone()).or_insert(serde_json::Value::Null), value, &mut inner);
                    if !inner.is_empty() {
                        absent.insert(key, inner.into());
                    }
                }
            }
        }
        other => *target = other,
    }
}

/// Changing a published record needs the publisher role; drafts and withdrawn records, the editor role.
pub fn check_may_change<R: MinRole>(auth: &Authorized<R>, state: Option<PublicationState>) -> Result<(), ApiError> {
    if state == Some(PublicationState::Published) {
        auth.require(Role::Publisher, "changing a published record")
    } else {
        Ok(())
    }
}

/// An editor whose token names a unit works on that unit's records only: a new record is the unit's, a record of
/// another unit cannot be changed, and none can be handed to another unit (403). Publishers and admins, and tokens
/// that name no unit, work on any unit's records.
/// The unit whose records the caller is limited to: an editor's own; publishers and admins work for every unit.
pub fn bound_unit<R: MinRole>(auth: &Authorized<R>) -> Option<&str> {
    auth.caller.unit.as_deref().filter(|_| !auth.caller.has(Role::Publisher))
}

pub fn check_unit<R: MinRole>(
    auth: &Authorized<R>,
    current: Option<&Option<String>>,
    new: &mut Option<String>,
) -> Result<(), ApiError> {
    let Some(unit) = bound_unit(auth) else {
        return Ok(());
    };
    if let Some(Some(owner)) = current
        && owner != unit
    {
        return Err(ApiError::forbidden(format!(
            "the record belongs to {owner}; an editor of {unit} cannot change it"
        )));
    }
    match new.as_deref() {
        None => *new = Some(unit.to_owned()),
        Some(owner) if owner == unit => {}
        Some(owner) => {
            return Err(ApiError::forbidden(format!("an editor of {unit} cannot give a record to {owner}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut absent = serde_json::Map::new();
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        super::merge(&mut target, json!({"a": "z", "c": {"f": null, "x": null}}), &mut absent);
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}));
        assert_eq!(serde_json::Value::Object(absent.clone()), json!({"c": {"x": null}}));
        let mut target = json!({"a": [1, 2]});
        super::merge(&mut target, json!({"a": [3]}), &mut absent);
        assert_eq!(target, json!({"a": [3]}));
    }
}
