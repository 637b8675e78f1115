//! Reusable sets of problem responses for the contract, so each operation lists every status it can answer.

use std::collections::BTreeMap;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use crate::http::error::ErrorCode;

fn problems(codes: &[ErrorCode]) -> BTreeMap<String, RefOr<Response>> {
    let mut out: BTreeMap<String, RefOr<Response>> = BTreeMap::new();
    let mut by_status: BTreeMap<u16, Vec<ErrorCode>> = BTreeMap::new();
    for code in codes.iter().chain([
        &ErrorCode::DatabaseUnavailable,
        &ErrorCode::Timeout,
        &ErrorCode::Busy,
        &ErrorCode::Internal,
    ]) {
        by_status.entry(code.status()).or_default().push(*code);
    }
    for (status, codes) in by_status {
        let description = codes.iter().map(|c| format!("`{}`: {}", c.code(), c.title())).collect::<Vec<_>>().join("; ");
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
        let response =
            ResponseBuilder::new().description(description).content("application/problem+json", content).build();
        out.insert(status.to_string(), RefOr::T(response));
    }
    out
}

macro_rules! problem_set {
    ($($(#[$meta:meta])* $name:ident = [$($code:ident),*];)+) => {$(
        $(#[$meta])*
        pub struct $name;
        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                problems(&[$(ErrorCode::$code),*])
            }
        }
    )+};
}

problem_set! {
    /// A list: bad query parameters, or a bad token.
    ListProblems = [InvalidQuery, InvalidToken];
    /// A read of one record.
    GetProblems = [InvalidPath, InvalidToken, NotFound];
    /// A read that needs a role.
    GuardedGetProblems = [InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound];
    /// The annual report: bad parameters, a drafts preview without the role, an unwritable Accept.
    ReportProblems = [InvalidPath, InvalidQuery, MissingToken, InvalidToken, Forbidden, NotFound, NotAcceptable];
    /// An open-data feed: bad parameters, or no such dataset.
    FeedProblems = [InvalidQuery, NotFound];
    /// The report table of a year: bad parameters, no programme running in the year (404), or several (409).
    ReportFeedProblems = [InvalidQuery, NotFound, Conflict];
    /// A list that needs a role.
    GuardedListProblems = [InvalidQuery, MissingToken, InvalidToken, Forbidden];
    /// A list under a resource that needs a role.
    NestedListProblems = [InvalidPath, InvalidQuery, MissingToken, InvalidToken, Forbidden, NotFound];
    /// A create.
    CreateProblems = [MalformedJson, InvalidQuery, MissingToken, InvalidToken, Forbidden, Conflict, IdempotencyKeyInProgress, PayloadTooLarge, UnsupportedMediaType, ValidationFailed, IdempotencyKeyReused];
    /// A file upload.
    UploadProblems = [InvalidQuery, MissingToken, InvalidToken, Forbidden, IdempotencyKeyInProgress, PayloadTooLarge, UnsupportedMediaType, ValidationFailed, IdempotencyKeyReused];
    /// A replace or a patch.
    UpdateProblems = [MalformedJson, InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound, Conflict, PreconditionFailed, PreconditionRequired, PayloadTooLarge, UnsupportedMediaType, ValidationFailed];
    /// A workflow step.
    TransitionProblems = [InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound, InvalidTransition, PreconditionFailed, PreconditionRequired];
    /// A step with a body: a return to the unit with its comment, an upload applied with corrections.
    StepWithBodyProblems = [MalformedJson, InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound, InvalidTransition, PreconditionFailed, PreconditionRequired, PayloadTooLarge, UnsupportedMediaType, ValidationFailed];
    /// A comment added to a record.
    CommentProblems = [MalformedJson, InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, ValidationFailed];
    /// Signing in and trading tokens.
    LoginProblems = [MalformedJson, InvalidQuery, InvalidCredentials, PayloadTooLarge, UnsupportedMediaType, ValidationFailed, TooManyAttempts];
    /// A delete.
    DeleteProblems = [InvalidPath, MissingToken, InvalidToken, Forbidden, NotFound, InUse, PreconditionFailed, PreconditionRequired];
}

/// 304 Not Modified, for reads that honour If-None-Match.
pub struct NotModified;

impl utoipa::IntoResponses for NotModified {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let response = ResponseBuilder::new()
            .description("Not modified: the client's copy (If-None-Match) is the current version")
            .header("ETag", utoipa::openapi::HeaderBuilder::new().description(Some("The current ETag")).build())
            .build();
        BTreeMap::from([("304".to_owned(), RefOr::T(response))])
    }
}
