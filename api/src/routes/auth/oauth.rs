//! The token endpoint's errors, as OAuth2 words them (RFC 6749 §5.2): `{"error", "error_description"}` in
//! `application/json`, so that a standard OAuth2 client library reads a failed sign-in. The problem's members ride
//! beside them (`type`, `title`, `status`, `detail`, `code`), the same code every other operation answers with.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use crate::http::error::{ApiError, ErrorCode};

/// An RFC 6749 error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OAuthErrorCode {
    /// The request lacks a parameter, has one twice or of the wrong shape, or could not be read.
    InvalidRequest,
    /// The service account is unknown, disabled, or its secret is wrong (401).
    InvalidClient,
    /// The user name and password, or the refresh token, are not valid (unknown, wrong, used, revoked, expired, or
    /// of a disabled account).
    InvalidGrant,
    /// The grant type is not `password`, `client_credentials` or `refresh_token`.
    UnsupportedGrantType,
    /// Too many failed sign-ins (429, with `Retry-After`), or the database is away (503).
    TemporarilyUnavailable,
    /// The service failed (500, or 504 when it took too long).
    ServerError,
}

/// A token endpoint error: RFC 6749's members, and the problem's.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "error": "invalid_grant", "error_description": "the user name or password is wrong",
    "type": "/problems/invalid_credentials", "title": "The credentials are not valid", "status": 400,
    "detail": "the user name or password is wrong", "code": "invalid_credentials"
}))]
pub struct OAuthError {
    pub error: OAuthErrorCode,
    /// What went wrong, in words.
    pub error_description: String,
    /// A URI reference naming the kind of problem: `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the kind of problem.
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request (as `error_description`).
    pub detail: String,
    /// intercoop's stable error code, as in every other problem.
    pub code: &'static str,
}

/// An error answered the OAuth2 way.
#[derive(Debug)]
pub struct TokenError {
    pub error: OAuthErrorCode,
    pub cause: ApiError,
}

impl TokenError {
    /// The error of a request that signed in as a person (`client` false) or as a service account.
    pub fn new(cause: ApiError, client: bool) -> Self {
        let error = match cause.code {
            ErrorCode::InvalidCredentials if client => OAuthErrorCode::InvalidClient,
            ErrorCode::InvalidCredentials => OAuthErrorCode::InvalidGrant,
            ErrorCode::TooManyAttempts | ErrorCode::DatabaseUnavailable | ErrorCode::Busy => {
                OAuthErrorCode::TemporarilyUnavailable
            }
            ErrorCode::Internal | ErrorCode::Timeout => OAuthErrorCode::ServerError,
            _ => OAuthErrorCode::InvalidRequest,
        };
        Self { error, cause }
    }

    pub fn unsupported_grant_type(grant_type: &str) -> Self {
        let detail = format!("'{grant_type}' is not supported; use password, client_credentials or refresh_token");
        Self { error: OAuthErrorCode::UnsupportedGrantType, cause: ApiError::invalid_query("grant_type", detail) }
    }
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.error, self.cause)
    }
}

impl ResponseError for TokenError {
    fn status_code(&self) -> StatusCode {
        match self.error {
            OAuthErrorCode::InvalidClient => StatusCode::UNAUTHORIZED,
            OAuthErrorCode::TemporarilyUnavailable | OAuthErrorCode::ServerError => self.cause.status_code(),
            _ => StatusCode::BAD_REQUEST,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let mut response = HttpResponse::build(status);
        for (name, value) in &self.cause.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        if self.error == OAuthErrorCode::InvalidClient {
            response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"intercoop\""));
        }
        let detail = self.cause.detail.clone();
        let code = self.cause.code;
        response.insert_header((header::CACHE_CONTROL, "no-store")).json(OAuthError {
            error: self.error,
            error_description: detail.clone(),
            type_uri: format!("/problems/{}", code.code()),
            title: code.title(),
            status: status.as_u16(),
            detail,
            code: code.code(),
        })
    }
}

/// The token endpoint's error answers, for the contract.
pub struct TokenErrors;

impl utoipa::IntoResponses for TokenErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let answers = [
            (400, "`invalid_request`, `invalid_grant` or `unsupported_grant_type` (RFC 6749 §5.2)"),
            (401, "`invalid_client`: the service account's id or secret is not valid"),
            (429, "`temporarily_unavailable`: too many failed sign-ins; `Retry-After` says when to try again"),
            (500, "`server_error`"),
            (503, "`temporarily_unavailable`: the database is not answering"),
            (504, "`server_error`: the request took too long"),
        ];
        answers
            .into_iter()
            .map(|(status, description)| {
                let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("OAuthError"))).build();
                let response = ResponseBuilder::new().description(description).content("application/json", content);
                (status.to_string(), RefOr::T(response.build()))
            })
            .collect()
    }
}
