//! How a list setting reads: values separated by commas (as environment variables write them), or a list (in the
//! settings file).

use serde::Deserialize;
use serde::de::{self, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum Items<T> {
    List(Vec<T>),
    Text(String),
    One(T),
}

/// A list: a list of values, one value, or values separated by commas.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + std::str::FromStr,
    T::Err: std::fmt::Display,
{
    match Items::<T>::deserialize(deserializer)? {
        Items::List(items) => Ok(items),
        Items::One(item) => Ok(vec![item]),
        Items::Text(text) => text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<T>().map_err(|e| de::Error::custom(format!("'{t}': {e}"))))
            .collect(),
    }
}
