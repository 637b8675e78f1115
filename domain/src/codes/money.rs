use std::str::FromStr;

use rust_decimal::Decimal;

use super::CurrencyCode;

/// An exact amount of money in a currency, never negative, with no more decimals than the currency has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    amount: Decimal,
    currency: CurrencyCode,
}

impl Money {
    /// Parses a decimal string ("654800.00", "654800") in the given currency.
    pub fn parse(amount: &str, currency: CurrencyCode) -> Result<Self, String> {
        let shape_ok = !amount.is_empty()
            && amount.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && amount.bytes().filter(|b| *b == b'.').count() <= 1
            && !amount.starts_with('.')
            && !amount.ends_with('.');
        if !shape_ok {
            return Err(format!(
                "'{amount}' is not a decimal amount: digits with an optional decimal point, such as \"654800.00\""
            ));
        }
        let parsed = Decimal::from_str(amount).map_err(|_| format!("'{amount}' is too large an amount"))?;
        if parsed.scale() > currency.minor_units() {
            return Err(format!(
                "{currency} amounts have at most {} digits after the decimal point",
                currency.minor_units()
            ));
        }
        Ok(Self { amount: parsed, currency })
    }

    pub fn currency(&self) -> CurrencyCode {
        self.currency
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The amount written with exactly the currency's decimals: "654800.00".
    pub fn amount_string(&self) -> String {
        let mut a = self.amount;
        a.rescale(self.currency.minor_units());
        a.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> CurrencyCode {
        CurrencyCode::parse("EUR").unwrap()
    }

    #[test]
    fn keeps_exact_amounts() {
        assert_eq!(Money::parse("654800", eur()).unwrap().amount_string(), "654800.00");
        assert_eq!(Money::parse("654800.5", eur()).unwrap().amount_string(), "654800.50");
        assert_eq!(Money::parse("0.10", eur()).unwrap().amount_string(), "0.10");
    }

    #[test]
    fn rejects_bad_amounts() {
        for bad in ["", "-1", "1.234", "1e5", "1,5", ".5", "5.", "1.2.3", "99999999999999999999999999999999"] {
            assert!(Money::parse(bad, eur()).is_err(), "{bad}");
        }
        assert!(Money::parse("1.5", CurrencyCode::parse("JPY").unwrap()).is_err());
    }
}
