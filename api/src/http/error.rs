//! Every error the API answers with, in one wire shape (RFC 9457 `application/problem+json`); the table of codes is
//! the operations layer's (`intercoop_operations::ErrorCode`). Internal errors are logged with their cause and
//! answered without it.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use intercoop_domain::{FieldError, FieldErrors};
pub use intercoop_operations::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed", "title": "The request content is not valid", "status": 422,
    "detail": "1 field is not valid", "code": "validation_failed",
    "errors": [{"field": "end_date", "code": "end_before_start", "message": "2024-03-04 is before the start date 2024-03-05"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem: `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the kind of problem.
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// The stable error code.
    pub code: &'static str,
    /// Each field that was wrong, by its path in the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<FieldErrorDoc>)]
    pub errors: Vec<FieldError>,
}

/// One field that was wrong.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FieldErrorDoc {
    /// The field's path in the request: `title.uk`, `partners[1].partner_id`, or a query parameter's name.
    field: String,
    /// A stable code for the kind of mistake (`length`, `end_before_start`, `unknown_reference`...).
    code: String,
    /// What is wrong, in words.
    message: String,
}

/// An error answered as a problem.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), errors: Vec::new(), headers: Vec::new() }
    }

    pub fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }

    pub fn validation(errors: FieldErrors) -> Self {
        intercoop_operations::Error::validation(errors).into()
    }

    pub fn invalid_query(field: &str, message: impl Into<String>) -> Self {
        intercoop_operations::Error::invalid_query(field, message).into()
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    /// An unexpected failure: logged in full here, answered with no detail.
    pub fn internal(cause: impl std::fmt::Display + std::fmt::Debug) -> Self {
        intercoop_operations::Error::internal(cause).into()
    }

    pub fn problem(&self) -> Problem {
        Problem {
            type_uri: format!("/problems/{}", self.code.code()),
            title: self.code.title(),
            status: self.code.status(),
            detail: self.detail.clone(),
            code: self.code.code(),
            errors: self.errors.clone(),
        }
    }
}

impl std::error::Error for ApiError {}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        for (name, value) in &self.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        let retry_after = match self.code {
            ErrorCode::DatabaseUnavailable | ErrorCode::Timeout => Some("5"),
            ErrorCode::Busy => Some("1"),
            _ => None,
        };
        if let Some(seconds) = retry_after
            && !self.headers.iter().any(|(name, _)| name == header::RETRY_AFTER)
        {
            response.insert_header((header::RETRY_AFTER, seconds));
        }
        response.body(serde_json::to_string(&self.problem()).expect("problems serialize"))
    }
}

impl From<intercoop_operations::Error> for ApiError {
    fn from(e: intercoop_operations::Error) -> Self {
        let intercoop_operations::Error { code, detail, errors, current_version, retry_after } = e;
        let mut error = ApiError { code, detail, errors, headers: Vec::new() };
        if let Some(version) = current_version {
            error = error.with_header(header::ETAG, &intercoop_operations::etag(version));
        }
        if let Some(seconds) = retry_after {
            error = error.with_header(header::RETRY_AFTER, &seconds.to_string());
        }
        error
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::validation(errors)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
