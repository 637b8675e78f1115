//! Signing in through the council's identity provider (OpenID Connect, the code flow with PKCE), when one is
//! configured: the browser goes to the provider with a fresh state, nonce and code challenge, kept in a
//! short-lived cookie (so any replica can check the answer); the provider sends it back with a code, which
//! becomes a session like a password's.

use actix_web::cookie::time::Duration;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use intercoop_operations::Database;
use intercoop_operations::ErrorCode;
use intercoop_operations::accounts::{oidc, sessions};
use serde::Deserialize;

use crate::i18n::Tr;
use crate::page::{PageError, see_other};
use crate::pages::sign_in::{next_page, page};
use crate::session::{COOKIE, constant_time_eq, cookie, lang_of, removal};
use crate::{BASE, IdpSignIn, RequestOrigin};

/// The cookie that carries the state, nonce, verifier and next page between the two legs.
pub const OIDC_COOKIE: &str = "intercoop_console_oidc";

fn redirect_uri(req: &HttpRequest) -> String {
    let base = req.app_data::<web::Data<RequestOrigin>>().map(|o| (o.base_url)(req)).unwrap_or_default();
    format!("{}{BASE}/sign-in/idp/callback", base.trim_end_matches('/'))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Start {
    next: String,
}

/// Sends the browser to the provider.
pub async fn start(
    req: HttpRequest,
    idp: web::Data<IdpSignIn>,
    query: web::Query<Start>,
) -> Result<HttpResponse, PageError> {
    let lang = lang_of(&req);
    let Some(auth) = idp.0.as_deref().and_then(|idp| oidc::authorization(idp, &redirect_uri(&req))) else {
        return Err(PageError::not_found(lang));
    };
    let kept = [auth.state, auth.nonce, auth.verifier, next_page(&query.next).to_owned()].join(" ");
    let mut kept = cookie(&req, OIDC_COOKIE, kept);
    kept.set_max_age(Duration::minutes(10));
    let mut res = HttpResponse::SeeOther().insert_header((header::LOCATION, auth.url)).finish();
    res.add_cookie(&kept).map_err(|e| PageError::internal(lang, e))?;
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Callback {
    code: String,
    state: String,
    error: String,
}

/// The provider's answer: its state checked against the cookie's, its code traded for the ID token, a session
/// started; a refusal is told on the sign-in page.
pub async fn callback(
    req: HttpRequest,
    db: web::Data<Database>,
    idp: web::Data<IdpSignIn>,
    query: web::Query<Callback>,
) -> Result<HttpResponse, PageError> {
    let lang = lang_of(&req);
    let tr = Tr::new(lang);
    let refused = |message: String| -> Result<HttpResponse, PageError> {
        let mut res = page(&req, tr, String::new(), String::new(), Some(message))?;
        res.add_cookie(&removal(&req, OIDC_COOKIE)).map_err(|e| PageError::internal(lang, e))?;
        Ok(res)
    };
    let Some(provider) = idp.0.as_deref() else { return Err(PageError::not_found(lang)) };
    let kept = req.cookie(OIDC_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    let parts: Vec<&str> = kept.splitn(4, ' ').collect();
    let [state, nonce, verifier, next] = parts[..] else { return refused(tr.t("sign-in-idp-expired")) };
    if !query.error.is_empty() || query.code.is_empty() {
        return refused(tr.t("sign-in-idp-refused"));
    }
    if !constant_time_eq(state.as_bytes(), query.state.as_bytes()) {
        return refused(tr.t("sign-in-idp-expired"));
    }
    if let Some(old) = req.cookie(COOKIE) {
        sessions::end(&db, old.value()).await.map_err(|e| PageError::from_operation(lang, e))?;
    }
    match oidc::sign_in(&db, provider, (&query.code, verifier, nonce), &redirect_uri(&req)).await {
        Ok(started) => {
            let mut res = see_other(next_page(next));
            res.add_cookie(&cookie(&req, COOKIE, started.token)).map_err(|e| PageError::internal(lang, e))?;
            res.add_cookie(&removal(&req, OIDC_COOKIE)).map_err(|e| PageError::internal(lang, e))?;
            Ok(res)
        }
        Err(e) if e.code == ErrorCode::InvalidCredentials => refused(tr.t("sign-in-idp-refused")),
        Err(e) => Err(PageError::from_operation(lang, e)),
    }
}
