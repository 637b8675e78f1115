//! Request extractors that answer bad input with a problem naming what was wrong: JSON bodies (size limit, media
//! type, syntax, types, unknown fields with their path) and query strings (unknown parameters, bad values).

use std::future::{Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use intercoop_domain::FieldErrors;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ErrorCode};

/// The largest request body accepted, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A JSON request body of type `T`.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned + Serialize + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<web::Data<BodyLimit>>().map_or(1 << 20, |l| l.0);
        let content_type = check_content_type(req);
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            content_type?;
            if declared.is_some_and(|n| n > limit) {
                return Err(too_large(limit));
            }
            let mut bytes = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk
                    .map_err(|e| ApiError::new(ErrorCode::MalformedJson, format!("the body could not be read: {e}")))?;
                if bytes.len() + chunk.len() > limit {
                    return Err(too_large(limit));
                }
                bytes.extend_from_slice(&chunk);
            }
            parse_json(&bytes).map(Body)
        })
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(ErrorCode::PayloadTooLarge, format!("the body is larger than the limit of {limit} bytes"))
}

fn check_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let value = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("send the body as application/json (got '{value}')"),
        ))
    }
}

/// Parses JSON, telling apart broken JSON (400) from JSON of the wrong shape (422, with the field's path), and
/// rejecting fields the record does not have (422, every one of them).
pub fn parse_json<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::new(ErrorCode::MalformedJson, format!("the body is not valid JSON: {e}")))?;
    from_value(value)
}

/// Reads a JSON value as `T`, strictly: wrong types and unknown fields are validation errors with their paths.
pub fn from_value<T: DeserializeOwned + Serialize>(value: Value) -> Result<T, ApiError> {
    let parsed: T = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::validation(FieldErrors::single(field, "invalid", strip_position(&e.into_inner().to_string())))
    })?;
    let known = serde_json::to_value(&parsed).map_err(ApiError::internal)?;
    let mut errors = FieldErrors::new();
    unknown_fields(&value, &known, "", &mut errors);
    errors.into_result().map_err(ApiError::validation)?;
    Ok(parsed)
}

fn unknown_fields(input: &Value, known: &Value, path: &str, errors: &mut FieldErrors) {
    match (input, known) {
        (Value::Object(input), Value::Object(known)) => {
            for (key, value) in input {
                let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match known.get(key) {
                    Some(known) => unknown_fields(value, known, &field, errors),
                    None => errors.add(field, "unknown_field", "is not a field of this record (or may not be set)"),
                }
            }
        }
        (Value::Array(input), Value::Array(known)) => {
            for (i, (value, known)) in input.iter().zip(known).enumerate() {
                unknown_fields(value, known, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

/// serde_json appends " at line 1 column 42" to data errors; the field path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Query parameters of type `T`, which rejects unknown parameters (`deny_unknown_fields`).
pub struct ListQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ListQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(serde_urlencoded::from_str::<T>(req.query_string()).map(ListQuery).map_err(|e| {
            let message = e.to_string();
            let field = message
                .split('`')
                .nth(1)
                .filter(|_| message.starts_with("unknown field") || message.starts_with("missing field"))
                .unwrap_or("query")
                .to_owned();
            ApiError::invalid_query(&field, message)
        }))
    }
}

/// Turns a bad path parameter (a malformed UUID) into a problem.
pub fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::InvalidPath, format!("a path parameter is not valid: {err}")).into()
}
