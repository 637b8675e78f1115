//! A JSON column read straight into its type: sqlx parses the column's bytes into `T`, with no `serde_json::Value`
//! in between (which cost a list of activities about a tenth of its time).

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ActiveValue, IntoActiveValue, TryGetableFromJson, Value};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The value of a JSON column, typed; it reads, writes and backs up as `T` does.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct JsonOf<T>(pub T);

impl<T: DeserializeOwned> TryGetableFromJson for JsonOf<T> {}

impl<T: Serialize> From<JsonOf<T>> for Value {
    fn from(source: JsonOf<T>) -> Self {
        Value::Json(Some(Box::new(serde_json::to_value(&source.0).expect("stored values serialize"))))
    }
}

impl<T: DeserializeOwned> ValueType for JsonOf<T> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::Json(Some(json)) => serde_json::from_value(*json).map(JsonOf).map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        format!("JsonOf<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::Json
    }

    fn column_type() -> ColumnType {
        ColumnType::Json
    }
}

impl<T> Nullable for JsonOf<T> {
    fn null() -> Value {
        Value::Json(None)
    }
}

impl<T: Serialize> IntoActiveValue<JsonOf<T>> for JsonOf<T> {
    fn into_active_value(self) -> ActiveValue<JsonOf<T>> {
        ActiveValue::set(self)
    }
}
