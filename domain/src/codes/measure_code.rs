use std::fmt;

use serde::{Deserialize, Serialize};

/// A measure's number within its programme, "section.item" ("1.2", "1.10"); orders numerically, so
/// 1.2 comes before 1.10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MeasureCode {
    section: u16,
    item: u16,
}

impl MeasureCode {
    pub fn parse(code: &str) -> Result<Self, String> {
        let err = || format!("'{code}' is not a measure code: two numbers joined by a dot, such as 1.2 or 2.10");
        let (section, item) = code.split_once('.').ok_or_else(err)?;
        let number = |s: &str| -> Result<u16, String> {
            if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) || s.starts_with('0') {
                return Err(err());
            }
            s.parse().map_err(|_| err())
        };
        Ok(Self { section: number(section)?, item: number(item)? })
    }

    pub fn section(&self) -> u16 {
        self.section
    }

    pub fn item(&self) -> u16 {
        self.item
    }

    /// A key that sorts as the code does, for storage: "001.010".
    pub fn sort_key(&self) -> String {
        format!("{:03}.{:03}", self.section, self.item)
    }
}

impl TryFrom<String> for MeasureCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MeasureCode> for String {
    fn from(value: MeasureCode) -> Self {
        value.to_string()
    }
}

impl fmt::Display for MeasureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.section, self.item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_numerically() {
        let mut codes: Vec<MeasureCode> =
            ["1.10", "2.1", "1.2", "1.1"].iter().map(|c| MeasureCode::parse(c).unwrap()).collect();
        codes.sort();
        let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1.1", "1.2", "1.10", "2.1"]);
        assert!(MeasureCode::parse("1.2").unwrap().sort_key() < MeasureCode::parse("1.10").unwrap().sort_key());
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in ["", "1", "1.", ".1", "1.01", "a.b", "1.2.3", "0.1", "1.0", "1234.1", " 1.1"] {
            assert!(MeasureCode::parse(bad).is_err(), "{bad}");
        }
    }
}
