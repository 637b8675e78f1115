//! Safe retries: a `POST` with an `Idempotency-Key` header is handled once per caller and key; a retry with the
//! same key and request gets the first answer again (`Idempotency-Replayed: true`) and creates nothing, the same
//! key with another request gets 422, and a retry while the first is still running gets 409. Keys expire.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};
use futures_util::StreamExt;
use intercoop_operations::Database;
use intercoop_operations::idempotency::{self, Claim, StoredAnswer};
use serde_json::{Map, Value};

use crate::auth::{JwtKeys, Role};
use crate::http::error::{ApiError, ErrorCode};
use crate::http::extract::{BodyLimit, UploadLimit};
use intercoop_operations::accounts::passwords::token_hash;

pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotency-replayed");
const KEPT_HEADERS: [HeaderName; 3] = [header::LOCATION, header::ETAG, header::CONTENT_TYPE];

/// How long a key's answer is kept.
#[derive(Debug, Clone, Copy)]
pub struct IdempotencyTtl(pub chrono::Duration);

impl Default for IdempotencyTtl {
    fn default() -> Self {
        Self(chrono::Duration::hours(24))
    }
}

/// Answers that carry tokens or secrets are never kept (a secret is shown once): signing in, service accounts,
/// creating a webhook and rotating any secret. Their operations take no key.
pub(crate) fn answers_with_secrets(path: &str) -> bool {
    path.starts_with("/api/v1/auth/")
        || path.starts_with("/api/v1/service-accounts")
        || path.trim_end_matches('/') == "/api/v1/webhooks"
        || path.trim_end_matches('/').ends_with("/secret")
}

/// A replay is an answer to the operation: the caller must pass the operation's authentication and role check
/// as it stands now (an account disabled or demoted since the first request gets 401 or 403, not the answer).
async fn authorize_replay(req: &ServiceRequest) -> Result<(), ApiError> {
    let operation = req
        .app_data::<web::Data<crate::http::app::KnownRoutes>>()
        .and_then(|routes| routes.operation(req.method().as_str(), req.path()).map(str::to_owned));
    let role = operation.as_deref().and_then(crate::auth::access::required_role).unwrap_or(Some(Role::Admin));
    crate::auth::authorize(req.request(), role).await.map(drop)
}

fn refuse(req: ServiceRequest, error: ApiError) -> ServiceResponse<BoxBody> {
    req.into_response(error.error_response())
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = req.headers().get(&IDEMPOTENCY_KEY).map(|v| v.to_str().map(str::to_owned));
    let (Some(key), true) = (key, req.method() == Method::POST && !answers_with_secrets(req.path())) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let key = match key {
        Ok(k) if (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => k,
        _ => {
            let error = ApiError::invalid_query("Idempotency-Key", "1 to 255 printable characters without spaces");
            return Ok(refuse(req, error));
        }
    };
    let limit = match req.path().starts_with("/api/v1/imports") {
        true => req.app_data::<web::Data<UploadLimit>>().map_or(16 << 20, |l| l.0),
        false => req.app_data::<web::Data<BodyLimit>>().map_or(1 << 20, |l| l.0),
    };
    // An anonymous caller has no keys of its own: the operation answers it (401, as a rule) as if it sent none.
    let Some(scope) = caller_scope(&req) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let (Some(db), limit) = (req.app_data::<web::Data<Database>>().cloned(), limit) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            let error = ApiError::new(
                ErrorCode::PayloadTooLarge,
                format!("the body is larger than the limit of {limit} bytes"),
            );
            return Ok(refuse(req, error));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let scope = token_hash(&scope);
    let request_hash = token_hash(&format!(
        "{} {}?{}\n{}",
        req.method(),
        req.path(),
        req.query_string(),
        String::from_utf8_lossy(&body)
    ));
    req.set_payload(Payload::from(body));
    let ttl = req.app_data::<web::Data<IdempotencyTtl>>().map(|t| t.0).unwrap_or_else(|| IdempotencyTtl::default().0);
    match idempotency::claim(&db, &scope, &key, &request_hash, lease(&req)).await.map_err(ApiError::from) {
        Err(error) => Ok(refuse(req, error)),
        Ok(Claim::Mismatch) => Ok(refuse(
            req,
            ApiError::new(ErrorCode::IdempotencyKeyReused, "this Idempotency-Key was used with a different request"),
        )),
        Ok(Claim::InProgress) => Ok(refuse(
            req,
            ApiError::new(
                ErrorCode::IdempotencyKeyInProgress,
                "the first request with this Idempotency-Key is still running",
            )
            .with_header(header::RETRY_AFTER, "1"),
        )),
        Ok(Claim::Replay(answer)) => {
            if let Err(error) = authorize_replay(&req).await {
                return Ok(refuse(req, error));
            }
            let mut response = HttpResponse::build(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK));
            if let Some(headers) = answer.headers.as_object() {
                for (name, value) in headers {
                    if let (Ok(name), Some(Ok(value))) =
                        (HeaderName::try_from(name.as_str()), value.as_str().map(HeaderValue::from_str))
                    {
                        response.insert_header((name, value));
                    }
                }
            }
            response.insert_header((REPLAYED, "true"));
            Ok(req.into_response(response.body(answer.body)))
        }
        Ok(Claim::Fresh) => {
            let response = next.call(req).await?;
            if response.status().is_server_error() {
                let _ = idempotency::release(&db, &scope, &key).await;
                return Ok(response.map_into_boxed_body());
            }
            let (request, response) = response.into_parts();
            let (head, body) = response.into_parts();
            let bytes = actix_web::body::to_bytes(body).await.map_err(|e| {
                let e: Box<dyn std::error::Error> = e.into();
                actix_web::error::ErrorInternalServerError(e.to_string())
            })?;
            let mut headers = Map::new();
            for name in KEPT_HEADERS {
                if let Some(value) = head.headers().get(&name).and_then(|v| v.to_str().ok()) {
                    headers.insert(name.as_str().to_owned(), Value::String(value.to_owned()));
                }
            }
            let answer = StoredAnswer {
                status: head.status().as_u16(),
                body: String::from_utf8_lossy(&bytes).into_owned(),
                headers: Value::Object(headers),
            };
            let expires = chrono::Utc::now() + ttl;
            if let Err(e) = idempotency::complete(&db, &scope, &key, &answer, expires).await {
                tracing::warn!(error = %e, "could not keep an idempotent answer");
            }
            let response = head.set_body(bytes).map_into_boxed_body();
            Ok(ServiceResponse::new(request, response))
        }
    }
}

/// How long a claim on a key lasts: longer than its request may run (the request timeout wraps this
/// middleware), so a claim outlives its request only when the process handling it died.
fn lease(req: &ServiceRequest) -> chrono::Duration {
    let timeout = req.app_data::<web::Data<crate::http::timeouts::RequestTimeout>>().map_or(60, |t| t.0.as_secs());
    chrono::Duration::seconds(timeout as i64 + 10)
}

/// Whose key it is: the verified token's subject and account, whatever token the caller shows this time (a
/// retry may carry a fresh token); `anonymous` without a valid one.
fn caller_scope(req: &ServiceRequest) -> Option<String> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
    let claims = token.zip(req.app_data::<web::Data<JwtKeys>>()).and_then(|(t, keys)| keys.verify(t.trim()).ok());
    claims.map(|c| format!("{}|{:?}|{:?}", c.sub, c.uid, c.said))
}

/// Writes the `Idempotency-Key` header into the contract of every create whose answer holds no secret.
pub struct IdempotencyModifier;

impl utoipa::Modify for IdempotencyModifier {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        for (_, item) in openapi.paths.paths.iter_mut().filter(|(path, _)| !answers_with_secrets(path)) {
            let Some(operation) = item.post.as_mut() else { continue };
            if !operation.operation_id.as_deref().is_some_and(|id| id.starts_with("create_")) {
                continue;
            }
            let parameter = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Makes retries safe: a retry with the same key and body gets the first answer again \
                     (Idempotency-Replayed: true) and creates nothing; the same key with another body gets 422 \
                     idempotency_key_reused; while the first is running, 409 idempotency_key_in_progress. Keys are \
                     per caller and kept 24 hours.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some("^[!-~]{1,255}$"))
                        .examples(["5e0f7f2c-activity-import-17"]),
                ))
                .build();
            operation.parameters.get_or_insert_with(Vec::new).push(utoipa::openapi::RefOr::T(parameter));
        }
    }
}
