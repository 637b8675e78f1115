//! Bearer tokens and roles. A handler states the role it needs in its signature (`Authorized<Editor>`), so it cannot
//! forget the check; reads take a `Caller`, which may be anonymous.

pub mod access;
pub use intercoop_operations::accounts::idp;

use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use intercoop_operations::Database;
use intercoop_operations::accounts::sign_in;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::http::error::{ApiError, ErrorCode};

/// The `iss` and `aud` of the tokens this service issues and accepts.
pub const ISSUER: &str = "intercoop";
pub const AUDIENCE: &str = "intercoop-api";

pub use intercoop_domain::Role;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    pub exp: i64,
    /// The organisational unit the caller works for; editors change only their unit's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The account behind a signed-in person's token: its tokens stop working when it is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<uuid::Uuid>,
    /// The service account behind a system's token: its tokens stop working when it is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<uuid::Uuid>,
    /// A service account's scopes, space-separated (OAuth2 style).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Whom a token is for, beyond its subject and role.
#[derive(Debug, Clone, Default)]
pub struct Holder {
    pub unit: Option<String>,
    pub uid: Option<uuid::Uuid>,
    pub said: Option<uuid::Uuid>,
    pub scope: Option<String>,
}

/// The keys that sign and check tokens: HS256 for the service's own, and the identity provider's public keys
/// for its tokens, when one is configured.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    idp: Option<std::sync::Arc<crate::auth::idp::Idp>>,
}

impl JwtKeys {
    pub fn from_secret(secret: &[u8]) -> Self {
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), idp: None }
    }

    /// Also accepts the identity provider's tokens.
    /// The identity provider, when one is trusted.
    pub fn idp(&self) -> Option<std::sync::Arc<crate::auth::idp::Idp>> {
        self.idp.clone()
    }

    pub fn with_idp(mut self, idp: crate::auth::idp::Idp) -> Self {
        self.idp = Some(std::sync::Arc::new(idp));
        self
    }

    pub fn issue(&self, subject: &str, role: Role, ttl_seconds: i64) -> anyhow::Result<String> {
        self.issue_for_unit(subject, role, None, ttl_seconds)
    }

    /// A token for a caller who works for `unit`.
    pub fn issue_for_unit(
        &self,
        subject: &str,
        role: Role,
        unit: Option<&str>,
        ttl_seconds: i64,
    ) -> anyhow::Result<String> {
        self.issue_claims(subject, role, unit, None, ttl_seconds)
    }

    /// A token for a signed-in account (`uid`), or for a caller no account stands behind.
    pub fn issue_claims(
        &self,
        subject: &str,
        role: Role,
        unit: Option<&str>,
        uid: Option<uuid::Uuid>,
        ttl_seconds: i64,
    ) -> anyhow::Result<String> {
        let holder = Holder { unit: unit.map(str::to_owned), uid, ..Holder::default() };
        self.issue_for(subject, role, holder, ttl_seconds)
    }

    /// A token for `subject` with `role`, held by `holder`.
    pub fn issue_for(&self, subject: &str, role: Role, holder: Holder, ttl_seconds: i64) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: subject.into(),
            role,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            nbf: Some(now),
            exp: now + ttl_seconds,
            unit: holder.unit,
            uid: holder.uid,
            said: holder.said,
            scope: holder.scope,
        };
        Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?)
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        let refuse = |reason: String| {
            tracing::info!(reason = %reason.escape_debug(), "a bearer token was refused");
            unauthorized(ErrorCode::InvalidToken, "the bearer token is not valid (or has expired)", "invalid_token")
        };
        let header = jsonwebtoken::decode_header(token).map_err(|e| refuse(e.to_string()))?;
        if header.alg != Algorithm::HS256
            && let Some(idp) = &self.idp
        {
            let claims = idp.verify(token, &header).map_err(refuse)?;
            return Ok(Claims {
                sub: claims.subject,
                role: claims.role,
                iss: String::new(),
                aud: String::new(),
                iat: 0,
                nbf: None,
                exp: 0,
                unit: claims.unit,
                uid: None,
                said: None,
                scope: None,
            });
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|e| refuse(e.to_string()))
    }
}

fn unauthorized(code: ErrorCode, detail: &str, oauth_error: &str) -> ApiError {
    let challenge = if oauth_error.is_empty() {
        r#"Bearer realm="intercoop""#.to_owned()
    } else {
        format!(r#"Bearer realm="intercoop", error="{oauth_error}""#)
    };
    ApiError::new(code, detail).with_header(header::WWW_AUTHENTICATE, &challenge)
}

/// Who is calling, as a bearer token proves it (anonymous without one): the operations' caller, read from the
/// request.
#[derive(Debug, Clone)]
pub struct Caller(pub intercoop_operations::Caller);

impl std::ops::Deref for Caller {
    type Target = intercoop_operations::Caller;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Caller {
    fn from_request(req: &HttpRequest) -> Result<Self, ApiError> {
        let Some(value) = req.headers().get(header::AUTHORIZATION) else {
            return Ok(Caller(intercoop_operations::Caller::default()));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                unauthorized(
                    ErrorCode::InvalidToken,
                    "the Authorization header must be 'Bearer <token>'",
                    "invalid_request",
                )
            })?;
        let keys = req.app_data::<web::Data<JwtKeys>>().expect("JwtKeys is registered");
        let claims = keys.verify(token)?;
        Ok(Caller(intercoop_operations::Caller {
            subject: Some(claims.sub),
            role: Some(claims.role),
            unit: claims.unit.filter(|u| !u.trim().is_empty()),
            uid: claims.uid,
            said: claims.said,
            system: false,
        }))
    }
}

/// The caller, with the role and unit its account has now: a token of a disabled account is refused, and a role
/// or unit changed since the token was issued applies at once.
pub(crate) fn caller(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<Caller, ApiError>>>> {
    let caller = Caller::from_request(req);
    let db = req.app_data::<web::Data<Database>>().cloned();
    Box::pin(async move {
        let mut caller = caller?;
        let Some(db) = db else { return Ok(caller) };
        match sign_in::access_now(&db, caller.uid, caller.said).await? {
            None => Ok(caller),
            Some(None) => {
                Err(unauthorized(ErrorCode::InvalidToken, "the account behind this token is disabled", "invalid_token"))
            }
            Some(Some((role, unit))) => {
                caller.0.role = Some(role);
                caller.0.unit = unit;
                Ok(caller)
            }
        }
    })
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        caller(req)
    }
}

pub use intercoop_domain::roles::{Admin, Editor, MinRole, Publisher, Viewer};

/// A caller with a valid token and at least the role `R`; otherwise 401 (no or bad token) or 403 (too weak a role).
pub struct Authorized<R: MinRole> {
    pub caller: Caller,
    _role: PhantomData<R>,
}

impl<R: MinRole> Authorized<R> {
    pub fn role(&self) -> Role {
        self.caller.role.expect("an authorized caller has a role")
    }
}

impl<R: MinRole> std::ops::Deref for Authorized<R> {
    type Target = intercoop_operations::Caller;

    fn deref(&self) -> &Self::Target {
        &self.caller.0
    }
}

impl<R: MinRole + 'static> FromRequest for Authorized<R> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = authorize(req, Some(R::ROLE));
        Box::pin(async move { caller.await.map(|caller| Authorized { caller, _role: PhantomData }) })
    }
}

/// The caller, when it may call an operation that needs `role` (`None`: anyone): 401 without a valid token or
/// with a disabled account's, 403 when the account's role is too weak.
pub(crate) fn authorize(
    req: &HttpRequest,
    role: Option<Role>,
) -> Pin<Box<dyn Future<Output = Result<Caller, ApiError>>>> {
    let caller = caller(req);
    Box::pin(async move {
        let caller = caller.await?;
        let Some(needed) = role else { return Ok(caller) };
        match caller.role {
            None => Err(unauthorized(ErrorCode::MissingToken, "this operation needs a bearer token", "")),
            Some(role) if role < needed => Err(ApiError::forbidden(format!(
                "this operation needs the {} role; the token has {}",
                needed.as_str(),
                role.as_str()
            ))),
            Some(_) => Ok(caller),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_others_do_not() {
        let keys = JwtKeys::from_secret(b"a test secret that is long enough");
        let token = keys.issue("crm", Role::Editor, 60).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!(claims.sub, "crm");
        assert_eq!(claims.role, Role::Editor);
        let other = JwtKeys::from_secret(b"another secret entirely, also long");
        assert!(other.verify(&token).is_err());
        let expired = keys.issue("crm", Role::Admin, -3600).unwrap();
        assert!(keys.verify(&expired).is_err());
        assert!(Role::Admin > Role::Publisher && Role::Publisher > Role::Editor && Role::Editor > Role::Viewer);
    }
}
