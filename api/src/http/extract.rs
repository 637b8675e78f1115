//! Request extractors that answer bad input with a problem naming what was wrong: JSON bodies (size limit, media
//! type, syntax, types, unknown fields with their path) and query strings (unknown parameters, bad values).

use std::future::{Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::error::{ApiError, ErrorCode};

/// The largest request body accepted, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The largest file upload accepted (a report to import), in bytes.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimit(pub usize);

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

/// A JSON request body of type `T` that may be left out: none when the request has no body at all, or `null`.
pub struct OptionalBody<T>(pub Option<T>);

impl<T: DeserializeOwned + Serialize + 'static> FromRequest for OptionalBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let headers = req.headers();
        let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).map(str::trim);
        let empty = !headers.contains_key(header::TRANSFER_ENCODING) && length.is_none_or(|n| n == "0");
        if empty {
            return Box::pin(async { Ok(OptionalBody(None)) });
        }
        let body = Body::<Option<T>>::from_request(req, payload);
        Box::pin(async move { body.await.map(|Body(value)| OptionalBody(value)) })
    }
}

pub fn too_large(limit: usize) -> ApiError {
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

/// Reads a JSON value as `T`, strictly: wrong types, unknown fields and NUL characters are validation errors with
/// their paths.
pub fn from_value<T: DeserializeOwned + Serialize>(value: Value) -> Result<T, ApiError> {
    intercoop_domain::strict::from_value(value).map_err(ApiError::validation)
}

/// The most characters a query parameter's value may have (the contract says so on each): filters and searches
/// are short, and a list's `Link` header repeats its query.
pub const QUERY_VALUE_MAX: usize = 500;

/// Query parameters of type `T`, which rejects unknown parameters (`deny_unknown_fields`), control characters and
/// values over `QUERY_VALUE_MAX` characters.
pub struct ListQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ListQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
        let forbidden = |text: &str| text.chars().any(intercoop_domain::text::is_forbidden_char);
        if let Some((name, _)) = pairs.iter().find(|(k, v)| forbidden(k) || forbidden(v)) {
            return ready(Err(ApiError::invalid_query(name, "contains a control character, which no value may hold")));
        }
        if let Some((name, _)) = pairs.iter().find(|(_, v)| v.chars().count() > QUERY_VALUE_MAX) {
            return ready(Err(ApiError::invalid_query(name, format!("is longer than {QUERY_VALUE_MAX} characters"))));
        }
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

/// The `lang` query parameter: `uk` (the default) or `en`.
pub fn lang(value: Option<&str>) -> Result<intercoop_domain::report::Lang, ApiError> {
    use intercoop_domain::report::Lang;
    match value {
        None | Some("uk") => Ok(Lang::Uk),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(ApiError::invalid_query("lang", format!("'{other}' is not a language here; use uk or en"))),
    }
}
