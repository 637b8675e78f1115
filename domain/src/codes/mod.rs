mod country;
mod currency;
mod measure_code;
mod money;
#[cfg(feature = "openapi")]
mod schemas;

pub use country::CountryCode;
pub use currency::CurrencyCode;
pub use measure_code::MeasureCode;
pub use money::Money;
