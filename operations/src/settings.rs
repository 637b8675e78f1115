//! How settings written in environment variables read: a switch as `true`/`false`, `yes`/`no` or `1`/`0`, and a
//! list as values separated by commas (or as a list, in a settings file).

use serde::Deserialize;
use serde::de::{self, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum Switch {
    Bool(bool),
    Number(i64),
    Text(String),
}

/// A switch: `true`, `false`, `yes`, `no`, `1` or `0`.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match Switch::deserialize(deserializer)? {
        Switch::Bool(b) => Ok(b),
        Switch::Number(1) => Ok(true),
        Switch::Number(0) => Ok(false),
        Switch::Text(t) if matches!(t.as_str(), "true" | "yes" | "1") => Ok(true),
        Switch::Text(t) if matches!(t.as_str(), "false" | "no" | "0") => Ok(false),
        _ => Err(de::Error::custom("must be true or false")),
    }
}

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
