use std::fmt;

use serde::{Deserialize, Serialize};

/// ISO 3166-1 alpha-2 codes, officially assigned.
const ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT \
MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Every assigned code.
#[cfg(any(test, feature = "openapi"))]
pub(crate) fn codes() -> Vec<&'static str> {
    ALPHA2.split(' ').collect()
}

/// Whether `code` is in [`ALPHA2`], by binary search: the codes are sorted, each at a multiple of 3 bytes.
fn assigned(code: &[u8]) -> bool {
    let table = ALPHA2.as_bytes();
    let (mut low, mut high) = (0, table.len().div_ceil(3));
    while low < high {
        let middle = (low + high) / 2;
        match table[3 * middle..3 * middle + 2].cmp(code) {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A country as an ISO 3166-1 alpha-2 code (`DE`, `UA`); only assigned codes parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(code: &str) -> Result<Self, String> {
        let bytes = code.as_bytes();
        if bytes.len() == 2 && bytes.iter().all(u8::is_ascii_uppercase) && assigned(bytes) {
            Ok(Self([bytes[0], bytes[1]]))
        } else {
            Err(format!("'{code}' is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. DE, UA)"))
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII by construction")
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_codes_parse_and_others_do_not() {
        assert_eq!(CountryCode::parse("DE").unwrap().as_str(), "DE");
        assert!(CountryCode::parse("UA").is_ok());
        for bad in ["de", "XX", "DEU", "", "D", "U1"] {
            assert!(CountryCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_table_is_sorted_so_that_every_code_is_found() {
        let all = codes();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "ALPHA2 is sorted, without repeats");
        assert_eq!(all.len(), 249);
        for code in all {
            assert!(CountryCode::parse(code).is_ok(), "{code}");
        }
        assert!(assigned(b"AD") && assigned(b"ZW"));
        assert!(!assigned(b"AA") && !assigned(b"ZZ"));
    }
}
