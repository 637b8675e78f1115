//! Every error the service answers with: one table of stable codes with their HTTP status and title. The doors
//! (the REST API, the CLI, the staff console to come) show them each in their way; the API as RFC 9457 problems.

use intercoop_domain::{FieldError, FieldErrors};
use intercoop_persistence::RepoError;

macro_rules! error_codes {
    ($($variant:ident = ($code:literal, $status:literal, $title:literal)),+ $(,)?) => {
        /// The stable error codes; `type` in a problem is `/problems/{code}`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode { $($variant),+ }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),+ }
            }

            /// The HTTP status the API answers with.
            pub fn status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status),+ }
            }

            pub fn title(self) -> &'static str {
                match self { $(ErrorCode::$variant => $title),+ }
            }
        }
    };
}

error_codes! {
    MalformedJson = ("malformed_json", 400, "The request body is not well-formed JSON"),
    InvalidQuery = ("invalid_query", 400, "A query parameter is unknown or has a bad value"),
    InvalidPath = ("invalid_path", 400, "A path parameter has a bad value"),
    ValidationFailed = ("validation_failed", 422, "The request content is not valid"),
    UnsupportedMediaType = ("unsupported_media_type", 415, "The request body's media type is not accepted here"),
    PayloadTooLarge = ("payload_too_large", 413, "The request body is too large"),
    MissingToken = ("missing_token", 401, "A bearer token is required"),
    InvalidToken = ("invalid_token", 401, "The bearer token is not valid"),
    InvalidCredentials = ("invalid_credentials", 401, "The credentials are not right"),
    Forbidden = ("forbidden", 403, "The caller's role does not allow this"),
    NotFound = ("not_found", 404, "No such resource"),
    MethodNotAllowed = ("method_not_allowed", 405, "The resource does not support this method"),
    NotAcceptable = ("not_acceptable", 406, "None of the accepted media types can be produced"),
    Conflict = ("conflict", 409, "The content clashes with an existing record"),
    PreconditionFailed = ("precondition_failed", 412, "The record has changed since the version the request names"),
    PreconditionRequired = ("precondition_required", 428, "Writes must name the version they change (If-Match)"),
    InUse = ("in_use", 409, "The record is still referred to by other records"),
    IdempotencyKeyInProgress = ("idempotency_key_in_progress", 409, "The first request with this Idempotency-Key is still running"),
    IdempotencyKeyReused = ("idempotency_key_reused", 422, "The Idempotency-Key was used with a different request"),
    InvalidTransition = ("invalid_transition", 409, "The workflow step does not apply to the record's state"),
    TooManyAttempts = ("too_many_attempts", 429, "Too many failed attempts; wait before trying again"),
    DatabaseUnavailable = ("database_unavailable", 503, "The database cannot be reached"),
    Timeout = ("timeout", 503, "The request took too long to handle"),
    Busy = ("busy", 503, "The service is busy with requests of this kind; try again shortly"),
    Internal = ("internal", 500, "Internal error"),
}

/// An operation's failure: a code of the table, what went wrong, and the fields that were wrong.
#[derive(Debug)]
pub struct Error {
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// The record's current version, when the failure is about it (a precondition), so the caller can catch up.
    pub current_version: Option<i32>,
    /// How many seconds to wait before trying again, when that is known.
    pub retry_after: Option<u64>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), errors: Vec::new(), current_version: None, retry_after: None }
    }

    pub fn validation(errors: FieldErrors) -> Self {
        let errors = errors.into_vec();
        let detail = match errors.len() {
            1 => format!("{}: {}", errors[0].field, errors[0].message),
            n => format!("{n} fields are not valid"),
        };
        Self { code: ErrorCode::ValidationFailed, detail, errors, current_version: None, retry_after: None }
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

    /// An unexpected failure: logged in full here, told with no detail.
    pub fn internal(cause: impl std::fmt::Display + std::fmt::Debug) -> Self {
        tracing::error!(error = %cause, details = ?cause, "internal error");
        Self::new(ErrorCode::Internal, "the server failed to handle the request; it has been logged")
    }
}

impl std::error::Error for Error {}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.detail)
    }
}

impl From<RepoError> for Error {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound { kind, id } => Error::not_found(format!("no {kind} has the id {id}")),
            RepoError::Conflict(m) => Error::new(ErrorCode::Conflict, m),
            RepoError::InUse(m) => Error::new(ErrorCode::InUse, m),
            RepoError::Invalid(errors) => Error::validation(errors),
            RepoError::Unavailable(m) => {
                tracing::warn!(error = %m, "database unavailable");
                Error::new(ErrorCode::DatabaseUnavailable, "the database cannot be reached; try again shortly")
            }
            RepoError::Internal(e) => Error::internal(e),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::validation(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_client_errors_are_4xx() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.code()), "{} twice", code.code());
            assert!((400..600).contains(&code.status()));
        }
        assert_eq!(ErrorCode::Internal.status(), 500);
    }
}
