//! What every page shares: the shell (title, navigation, the person signed in, the language switch, a notice of
//! what was just done), rendering a template into an answer, and the error pages.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use intercoop_domain::Role;
use intercoop_domain::roles::MinRole;
use intercoop_operations::{Error, ErrorCode};

use crate::BASE;
use crate::i18n::{Lang, Tr};
use crate::session::Staff;

/// The signed-in person, as the page's header shows them.
pub struct Person {
    pub name: String,
    pub role: String,
    pub unit: Option<String>,
    pub csrf: String,
}

/// What the layout needs.
pub struct Shell {
    pub tr: Tr,
    pub title: String,
    pub person: Option<Person>,
    /// Which section of the navigation is current.
    pub nav: &'static str,
    /// This page's address, for the language switch to come back to.
    pub here: String,
    /// What was just done ("Збережено"), from the `done` parameter a redirect adds.
    pub notice: Option<String>,
    pub may_edit: bool,
    /// Whether the person administers accounts and webhooks.
    pub admin: bool,
}

impl Shell {
    pub fn new<R: MinRole>(req: &HttpRequest, staff: &Staff<R>, nav: &'static str, title: String) -> Self {
        let tr = staff.tr;
        let user = &staff.session.user;
        Shell {
            tr,
            title,
            person: Some(Person {
                name: user.display_name.clone(),
                role: tr.term("role", &user.role),
                unit: staff.session.caller.unit.clone(),
                csrf: staff.session.csrf_token.clone(),
            }),
            nav,
            here: here(req),
            notice: notice(req, tr),
            may_edit: staff.has(Role::Editor),
            admin: staff.has(Role::Admin),
        }
    }

    /// The shell of a page shown to someone not signed in.
    pub fn anonymous(req: &HttpRequest, tr: Tr, title: String) -> Self {
        Shell {
            tr,
            title,
            person: None,
            nav: "",
            here: here(req),
            notice: notice(req, tr),
            may_edit: false,
            admin: false,
        }
    }

    pub fn base(&self) -> &'static str {
        BASE
    }
}

/// What was just done, from the `done` parameter a redirect adds ("Збережено").
fn notice(req: &HttpRequest, tr: Tr) -> Option<String> {
    req.query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("done="))
        .filter(|done| done.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(|done| tr.t(&format!("done-{done}")))
}

fn here(req: &HttpRequest) -> String {
    req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| BASE.to_owned())
}

/// A page rendered from its template.
pub fn render(template: &impl Template) -> Result<HttpResponse, PageError> {
    let body = template.render().map_err(|e| PageError::internal(Lang::Uk, e))?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body))
}

/// After a form: see the page at `to` (303, so the browser GETs it).
pub fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, to)).finish()
}

/// A page that could not be shown: sign in first, or an error page in the reader's language.
#[derive(Debug)]
pub enum PageError {
    SignIn { next: String },
    Page { status: StatusCode, lang: Lang, message: String },
}

impl PageError {
    pub fn new(status: StatusCode, lang: Lang, message: String) -> Self {
        PageError::Page { status, lang, message }
    }

    pub fn csrf(lang: Lang) -> Self {
        Self::new(StatusCode::FORBIDDEN, lang, Tr::new(lang).t("error-csrf"))
    }

    pub fn forbidden(lang: Lang) -> Self {
        Self::new(StatusCode::FORBIDDEN, lang, Tr::new(lang).t("error-forbidden"))
    }

    pub fn not_found(lang: Lang) -> Self {
        Self::new(StatusCode::NOT_FOUND, lang, Tr::new(lang).t("error-not-found"))
    }

    pub fn bad_form(lang: Lang, detail: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::BAD_REQUEST, lang, Tr::new(lang).with("error-bad-form", "detail", &detail.to_string()))
    }

    pub fn internal(lang: Lang, e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "console page failed");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, lang, Tr::new(lang).t("problem-internal"))
    }

    /// An operation's failure, in the reader's words (the code's message; the operation's detail where the
    /// catalogue has none).
    pub fn from_operation(lang: Lang, e: Error) -> Self {
        if e.code == ErrorCode::Internal {
            return Self::internal(lang, e.detail);
        }
        let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let tr = Tr::new(lang);
        let key = format!("problem-{}", e.code.code());
        let mut message = tr.t(&key);
        if message == key {
            message = e.detail.clone();
        }
        Self::new(status, lang, message)
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::SignIn { .. } => f.write_str("not signed in"),
            PageError::Page { message, .. } => f.write_str(message),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    shell: Shell,
    status: u16,
    message: String,
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::SignIn { .. } => StatusCode::SEE_OTHER,
            PageError::Page { status, .. } => *status,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            PageError::SignIn { next } => {
                let next = serde_html_form::to_string([("next", next)]).unwrap_or_default();
                see_other(&format!("{BASE}/sign-in?{next}"))
            }
            PageError::Page { status, lang, message } => {
                let tr = Tr::new(*lang);
                let page = ErrorPage {
                    shell: Shell {
                        tr,
                        title: tr.t("error-title"),
                        person: None,
                        nav: "",
                        here: BASE.to_owned(),
                        notice: None,
                        may_edit: false,
                        admin: false,
                    },
                    status: status.as_u16(),
                    message: message.clone(),
                };
                let body = page.render().unwrap_or_else(|_| message.clone());
                HttpResponse::build(*status).content_type("text/html; charset=utf-8").body(body)
            }
        }
    }
}
