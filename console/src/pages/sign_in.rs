//! Signing in and out, and the language switch.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_operations::accounts::passwords::random_secret;
use intercoop_operations::accounts::sign_in::SignInThrottle;
use intercoop_operations::accounts::{oidc, sessions};
use intercoop_operations::{Database, ErrorCode};
use serde::Deserialize;

use crate::forms;
use crate::i18n::{Lang, Tr};
use crate::page::{PageError, Shell, render, see_other};
use crate::session::{COOKIE, LANG_COOKIE, SIGN_IN_COOKIE, Staff, constant_time_eq, cookie, lang_of, removal};
use crate::{BASE, RequestOrigin};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    shell: Shell,
    /// Whether staff may sign in through the identity provider.
    idp: bool,
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    csrf: String,
    next: String,
    username: String,
    password: String,
}

/// Where to go after signing in: a page of the console, else its start page.
pub fn next_page(next: &str) -> &str {
    let local = next.starts_with(BASE)
        && !next.starts_with("//")
        && !next.contains("://")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local { next } else { "/console/" }
}

/// The sign-in page; it sets the cookie its form's token is checked against.
pub async fn form(req: HttpRequest, query: web::Query<Vec<(String, String)>>) -> Result<HttpResponse, PageError> {
    let tr = Tr::new(lang_of(&req));
    let next = query.iter().find(|(k, _)| k == "next").map(|(_, v)| v.clone()).unwrap_or_default();
    page(&req, tr, next, String::new(), None)
}

pub fn page(
    req: &HttpRequest,
    tr: Tr,
    next: String,
    username: String,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    let csrf = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 64);
    let csrf = csrf.unwrap_or_else(random_secret);
    let status =
        if error.is_some() { actix_web::http::StatusCode::UNAUTHORIZED } else { actix_web::http::StatusCode::OK };
    let idp = req.app_data::<web::Data<crate::IdpSignIn>>().is_some_and(|i| i.0.as_deref().is_some_and(oidc::enabled));
    let page = SignInPage {
        shell: Shell::anonymous(req, tr, tr.t("sign-in-title")),
        idp,
        csrf: csrf.clone(),
        next,
        username,
        error,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    res.add_cookie(&cookie(req, SIGN_IN_COOKIE, csrf)).map_err(|e| PageError::internal(tr.lang, e))?;
    Ok(res)
}

/// Signs in with the account's username and password: the same check, throttle and disabled-account rule as
/// the API's token endpoint.
pub async fn sign_in(
    req: HttpRequest,
    db: web::Data<Database>,
    throttle: web::Data<SignInThrottle>,
    origin: web::Data<RequestOrigin>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = lang_of(&req);
    let tr = Tr::new(lang);
    let form: SignInForm = forms::read(&body, lang)?;
    let expected = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return Err(PageError::csrf(lang));
    }
    let address = (origin.client_address)(&req);
    if let Some(old) = req.cookie(COOKIE) {
        sessions::end(&db, old.value()).await.map_err(|e| PageError::from_operation(lang, e))?;
    }
    match sessions::start(&db, &throttle, address, &form.username, &form.password).await {
        Ok(started) => {
            let mut res = see_other(next_page(&form.next));
            res.add_cookie(&cookie(&req, COOKIE, started.token)).map_err(|e| PageError::internal(lang, e))?;
            res.add_cookie(&removal(&req, SIGN_IN_COOKIE)).map_err(|e| PageError::internal(lang, e))?;
            Ok(res)
        }
        Err(e) if e.code == ErrorCode::InvalidCredentials => {
            page(&req, tr, form.next, form.username, Some(tr.t("sign-in-refused")))
        }
        Err(e) if e.code == ErrorCode::TooManyAttempts => {
            let seconds = e.retry_after.unwrap_or(30).to_string();
            let mut res = page(&req, tr, form.next, form.username, Some(tr.with("sign-in-wait", "seconds", &seconds)))?;
            *res.status_mut() = actix_web::http::StatusCode::TOO_MANY_REQUESTS;
            res.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(e.retry_after.unwrap_or(30)));
            Ok(res)
        }
        Err(e) => Err(PageError::from_operation(lang, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    pub csrf: String,
}

/// Signs out: the session ends in the database, so on every replica at once.
pub async fn sign_out(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: CsrfForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    sessions::end(&db, &staff.token).await.map_err(|e| PageError::from_operation(staff.tr.lang, e))?;
    let mut res = see_other(&format!("{BASE}/sign-in?done=signed-out"));
    res.add_cookie(&removal(&req, COOKIE)).map_err(|e| PageError::internal(staff.tr.lang, e))?;
    Ok(res)
}

/// Reads the console in another language from now on, and goes back to the page.
pub async fn language(
    req: HttpRequest,
    code: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let lang = Lang::parse(&code).ok_or_else(|| PageError::not_found(lang_of(&req)))?;
    let back = query.iter().find(|(k, _)| k == "back").map(|(_, v)| v.as_str()).unwrap_or_default();
    let mut res = see_other(next_page(back));
    let mut choice = cookie(&req, LANG_COOKIE, lang.code().to_owned());
    choice.set_max_age(actix_web::cookie::time::Duration::days(365));
    res.add_cookie(&choice).map_err(|e| PageError::internal(lang, e))?;
    Ok(res)
}
