//! Every error the API answers with: one table of stable codes with their HTTP status and title, one wire shape
//! (RFC 9457 `application/problem+json`). Internal errors are logged with their cause and answered without it.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use intercoop_domain::{FieldError, FieldErrors};
use intercoop_persistence::RepoError;
use serde::Serialize;
use utoipa::ToSchema;

macro_rules! error_codes {
    ($($variant:ident = ($code:literal, $status:ident, $title:literal)),+ $(,)?) => {
        /// The stable error codes; `type` in a problem is `/problems/{code}`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode { $($variant),+ }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),+ }
            }

            pub fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status),+ }
            }

            pub fn title(self) -> &'static str {
                match self { $(ErrorCode::$variant => $title),+ }
            }
        }
    };
}

error_codes! {
    MalformedJson = ("malformed_json", BAD_REQUEST, "The request body is not well-formed JSON"),
    InvalidQuery = ("invalid_query", BAD_REQUEST, "A query parameter is unknown or has a bad value"),
    InvalidPath = ("invalid_path", BAD_REQUEST, "A path parameter has a bad value"),
    ValidationFailed = ("validation_failed", UNPROCESSABLE_ENTITY, "The request content is not valid"),
    UnsupportedMediaType = ("unsupported_media_type", UNSUPPORTED_MEDIA_TYPE, "The request body's media type is not accepted here"),
    PayloadTooLarge = ("payload_too_large", PAYLOAD_TOO_LARGE, "The request body is too large"),
    MissingToken = ("missing_token", UNAUTHORIZED, "A bearer token is required"),
    InvalidToken = ("invalid_token", UNAUTHORIZED, "The bearer token is not valid"),
    InvalidCredentials = ("invalid_credentials", UNAUTHORIZED, "The credentials are not right"),
    Forbidden = ("forbidden", FORBIDDEN, "The caller's role does not allow this"),
    NotFound = ("not_found", NOT_FOUND, "No such resource"),
    MethodNotAllowed = ("method_not_allowed", METHOD_NOT_ALLOWED, "The resource does not support this method"),
    NotAcceptable = ("not_acceptable", NOT_ACCEPTABLE, "None of the accepted media types can be produced"),
    Conflict = ("conflict", CONFLICT, "The content clashes with an existing record"),
    PreconditionFailed = ("precondition_failed", PRECONDITION_FAILED, "The record has changed since the version the request names"),
    PreconditionRequired = ("precondition_required", PRECONDITION_REQUIRED, "Writes must name the version they change (If-Match)"),
    InUse = ("in_use", CONFLICT, "The record is still referred to by other records"),
    IdempotencyKeyInProgress = ("idempotency_key_in_progress", CONFLICT, "The first request with this Idempotency-Key is still running"),
    IdempotencyKeyReused = ("idempotency_key_reused", UNPROCESSABLE_ENTITY, "The Idempotency-Key was used with a different request"),
    InvalidTransition = ("invalid_transition", CONFLICT, "The workflow step does not apply to the record's state"),
    TooManyAttempts = ("too_many_attempts", TOO_MANY_REQUESTS, "Too many failed attempts; wait before trying again"),
    DatabaseUnavailable = ("database_unavailable", SERVICE_UNAVAILABLE, "The database cannot be reached"),
    Timeout = ("timeout", SERVICE_UNAVAILABLE, "The request took too long to handle"),
    Busy = ("busy", SERVICE_UNAVAILABLE, "The service is busy with requests of this kind; try again shortly"),
    Internal = ("internal", INTERNAL_SERVER_ERROR, "Internal error"),
}

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
        let errors = errors.into_vec();
        let detail = match errors.len() {
            1 => format!("{}: {}", errors[0].field, errors[0].message),
            n => format!("{n} fields are not valid"),
        };
        Self { code: ErrorCode::ValidationFailed, detail, errors, headers: Vec::new() }
    }

    pub fn invalid_query(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = Self::new(ErrorCode::InvalidQuery, format!("{field}: {message}"));
        e.errors = FieldErrors::single(field, "invalid", message).into_vec();
        e
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    /// An unexpected failure: logged in full here, answered with no detail.
    pub fn internal(cause: impl std::fmt::Display + std::fmt::Debug) -> Self {
        tracing::error!(error = %cause, details = ?cause, "internal error");
        Self::new(ErrorCode::Internal, "the server failed to handle the request; it has been logged")
    }

    pub fn problem(&self) -> Problem {
        Problem {
            type_uri: format!("/problems/{}", self.code.code()),
            title: self.code.title(),
            status: self.code.status().as_u16(),
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
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        for (name, value) in &self.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        if matches!(self.code, ErrorCode::DatabaseUnavailable | ErrorCode::Timeout) {
            response.insert_header((header::RETRY_AFTER, "5"));
        }
        response.body(serde_json::to_string(&self.problem()).expect("problems serialize"))
    }
}

impl From<RepoError> for ApiError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound { kind, id } => ApiError::not_found(format!("no {kind} has the id {id}")),
            RepoError::Conflict(m) => ApiError::new(ErrorCode::Conflict, m),
            RepoError::InUse(m) => ApiError::new(ErrorCode::InUse, m),
            RepoError::Invalid(errors) => ApiError::validation(errors),
            RepoError::Unavailable(m) => {
                tracing::warn!(error = %m, "database unavailable");
                ApiError::new(ErrorCode::DatabaseUnavailable, "the database cannot be reached; try again shortly")
            }
            RepoError::Internal(e) => ApiError::internal(e),
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::validation(errors)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_client_errors_are_4xx() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.code()), "{} twice", code.code());
            let status = code.status().as_u16();
            assert!((400..600).contains(&status));
        }
        assert_eq!(ErrorCode::Internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
