//! RFC 7396 JSON merge patches, read strictly.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Applies an RFC 7396 JSON merge patch to the record's content and reads the result strictly. A null removes a
/// field; a null for a name the record does not have is an unknown field, as any other value for it would be.
pub fn merge_patch<T: Serialize + DeserializeOwned>(current: &T, patch: Value) -> Result<T> {
    if !patch.is_object() {
        return Err(Error::validation(intercoop_domain::FieldErrors::single(
            "",
            "invalid",
            "a merge patch is a JSON object of the fields to change",
        )));
    }
    let mut target = serde_json::to_value(current).map_err(Error::internal)?;
    let mut absent = Map::new();
    merge(&mut target, patch, &mut absent);
    let parsed: T = intercoop_domain::strict::from_value(target)?;
    let known = serde_json::to_value(&parsed).map_err(Error::internal)?;
    intercoop_domain::strict::check_known_fields(&Value::Object(absent), &known)?;
    Ok(parsed)
}

/// Merges `patch` into `target`, and into `absent` the nulls that named no field there (at their depth).
fn merge(target: &mut Value, patch: Value, absent: &mut Map<String, Value>) {
    match patch {
        Value::Object(fields) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            let object = target.as_object_mut().expect("made an object above");
            for (key, value) in fields {
                if value.is_null() {
                    if object.remove(&key).is_none() {
                        absent.insert(key, value);
                    }
                } else {
                    let mut inner = Map::new();
                    merge(object.entry(key.clone()).or_insert(Value::Null), value, &mut inner);
                    if !inner.is_empty() {
                        absent.insert(key, inner.into());
                    }
                }
            }
        }
        other => *target = other,
    }
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
