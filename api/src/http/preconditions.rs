//! Optimistic concurrency: every record answers with a strong `ETag` made from its version; `If-Match` on a
//! write makes it conditional (412 when the record has changed since), and `If-None-Match` on a read answers 304
//! when the client's copy is current.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;

use intercoop_operations::IfMatch;

use crate::http::error::ApiError;

/// Whether writes must carry `If-Match` (428 without it).
#[derive(Debug, Clone, Copy, Default)]
pub struct RequireIfMatch(pub bool);

pub use intercoop_operations::etag;

/// The conditional headers of a request.
#[derive(Debug, Clone)]
pub struct Preconditions {
    if_match: IfMatch,
    if_none_match: Option<Vec<String>>,
}

fn tags(req: &HttpRequest, name: header::HeaderName) -> Option<Vec<String>> {
    let values: Vec<String> = req
        .headers()
        .get_all(name)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    (!values.is_empty()).then_some(values)
}

impl FromRequest for Preconditions {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let required = req.app_data::<web::Data<RequireIfMatch>>().is_some_and(|r| r.0);
        ready(Ok(Preconditions {
            if_match: IfMatch { tags: tags(req, header::IF_MATCH), required },
            if_none_match: tags(req, header::IF_NONE_MATCH),
        }))
    }
}

impl Preconditions {
    /// For a write: the version the request says it changes (`If-Match`), for the operation to check.
    pub fn if_match(&self) -> &IfMatch {
        &self.if_match
    }

    /// For a read: whether the client's copy (`If-None-Match`) is the current version.
    pub fn not_modified(&self, version: i32) -> bool {
        let current = etag(version);
        // A weak comparison, as RFC 9110 asks for If-None-Match.
        self.if_none_match
            .as_ref()
            .is_some_and(|tags| tags.iter().any(|t| t == "*" || t.trim_start_matches("W/") == current))
    }

    /// The record with its ETag, or 304 Not Modified when the client's copy is current.
    pub fn respond<T: Serialize>(&self, version: i32, body: &T) -> HttpResponse {
        if self.not_modified(version) {
            HttpResponse::NotModified().insert_header((header::ETAG, etag(version))).finish()
        } else {
            ok(version, body)
        }
    }
}

/// 200 with the record and its ETag.
pub fn ok<T: Serialize>(version: i32, body: &T) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::ETAG, etag(version))).json(body)
}

/// The `If-Match` header, for the contract.
pub struct IfMatchHeader;

/// The `If-None-Match` header, for the contract.
pub struct IfNoneMatchHeader;

fn header_param(name: &str, description: &str) -> utoipa::openapi::path::Parameter {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::{ObjectBuilder, Required, Type};
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String).examples(["\"3\""])))
        .build()
}

impl utoipa::IntoParams for IfMatchHeader {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        vec![header_param(
            "If-Match",
            "The ETag of the version this change is based on; when the record has changed since, the answer is 412 \
             and nothing is written. Required when the server is set to require it (428 without).",
        )]
    }
}

impl utoipa::IntoParams for IfNoneMatchHeader {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        vec![header_param("If-None-Match", "The ETag of the client's copy; 304 Not Modified when it is current.")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use intercoop_operations::ErrorCode;

    fn pre(if_match: Option<&str>, if_none_match: Option<&str>, required: bool) -> Preconditions {
        let split = |v: Option<&str>| v.map(|v| v.split(',').map(|t| t.trim().to_owned()).collect());
        Preconditions { if_match: IfMatch { tags: split(if_match), required }, if_none_match: split(if_none_match) }
    }

    #[test]
    fn if_match_and_if_none_match() {
        assert!(pre(None, None, false).if_match().check(3).is_ok());
        assert_eq!(pre(None, None, true).if_match().check(3).unwrap_err().code, ErrorCode::PreconditionRequired);
        assert!(pre(Some("\"3\""), None, true).if_match().check(3).is_ok());
        assert!(pre(Some("\"2\", \"3\""), None, false).if_match().check(3).is_ok());
        assert!(pre(Some("*"), None, false).if_match().check(3).is_ok());
        assert_eq!(
            pre(Some("\"2\""), None, false).if_match().check(3).unwrap_err().code,
            ErrorCode::PreconditionFailed
        );
        assert!(pre(None, Some("\"3\""), false).not_modified(3));
        assert!(pre(None, Some("W/\"3\""), false).not_modified(3));
        assert!(!pre(None, Some("\"2\""), false).not_modified(3));
    }
}
