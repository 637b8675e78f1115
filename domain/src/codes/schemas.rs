//! The code types in the contract: their strings, listed (countries, currencies) or by pattern (measure codes).

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

fn string_schema(description: &str, build: impl FnOnce(ObjectBuilder) -> ObjectBuilder) -> RefOr<Schema> {
    build(ObjectBuilder::new().schema_type(Type::String).description(Some(description))).build().into()
}

impl utoipa::PartialSchema for super::CountryCode {
    fn schema() -> RefOr<Schema> {
        string_schema("An ISO 3166-1 alpha-2 country code, officially assigned.", |s| {
            s.enum_values(Some(super::country::codes())).examples(["DE"])
        })
    }
}

impl utoipa::ToSchema for super::CountryCode {}

impl utoipa::PartialSchema for super::CurrencyCode {
    fn schema() -> RefOr<Schema> {
        string_schema("An active ISO 4217 currency code.", |s| {
            s.enum_values(Some(super::currency::codes())).examples(["EUR"])
        })
    }
}

impl utoipa::ToSchema for super::CurrencyCode {}

impl utoipa::PartialSchema for super::MeasureCode {
    fn schema() -> RefOr<Schema> {
        string_schema("A measure's number, \"section.item\": 1.2, 1.10.", |s| {
            s.pattern(Some("^[1-9][0-9]{0,2}\\.[1-9][0-9]{0,2}$")).examples(["1.10"])
        })
    }
}

impl utoipa::ToSchema for super::MeasureCode {}
