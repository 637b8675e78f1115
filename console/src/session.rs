//! Who is at the keyboard: the session cookie resumed against the database on every request (so that signing
//! out, or an admin disabling the account, ends it at once on every replica), the role the page needs, and the
//! CSRF token every state-changing form carries.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use intercoop_domain::roles::{MinRole, Viewer};
use intercoop_operations::Database;
use intercoop_operations::accounts::sessions::{self, Session};

use crate::i18n::{Lang, Tr};
use crate::page::PageError;
use crate::{BASE, RequestOrigin};

/// The session cookie: a random token whose hash the database keeps.
pub const COOKIE: &str = "intercoop_console";
/// The sign-in form's own CSRF token (double-submitted: in this cookie and in the form).
pub const SIGN_IN_COOKIE: &str = "intercoop_console_sign_in";
/// The language the console is read in.
pub const LANG_COOKIE: &str = "intercoop_console_lang";

/// The language of the request: the cookie's, else Ukrainian.
pub fn lang_of(req: &HttpRequest) -> Lang {
    req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())).unwrap_or_default()
}

/// A cookie of the console: HttpOnly, SameSite=Lax, for the console's path, Secure over HTTPS.
pub fn cookie(req: &HttpRequest, name: &'static str, value: String) -> Cookie<'static> {
    let https = req.app_data::<web::Data<RequestOrigin>>().is_some_and(|o| (o.https)(req));
    Cookie::build(name, value).path(BASE).http_only(true).same_site(SameSite::Lax).secure(https).finish()
}

/// The cookie that ends `name` in the browser.
pub fn removal(req: &HttpRequest, name: &'static str) -> Cookie<'static> {
    let mut cookie = cookie(req, name, String::new());
    cookie.make_removal();
    cookie
}

/// A signed-in person with at least the role `R`; others are sent to the sign-in page (or shown 403).
pub struct Staff<R: MinRole = Viewer> {
    pub session: Session,
    pub token: String,
    pub tr: Tr,
    _role: PhantomData<R>,
}

impl<R: MinRole> Staff<R> {
    pub fn caller(&self) -> &intercoop_operations::Caller {
        &self.session.caller
    }

    pub fn has(&self, role: intercoop_domain::Role) -> bool {
        self.session.caller.has(role)
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), PageError> {
        if !sent.is_empty() && constant_time_eq(sent.as_bytes(), self.session.csrf_token.as_bytes()) {
            Ok(())
        } else {
            Err(PageError::csrf(self.tr.lang))
        }
    }
}

/// The console's page a request was sent from (the `Referer`, same-origin only), or the start page.
fn referring_page(req: &HttpRequest) -> String {
    let referer = req.headers().get(actix_web::http::header::REFERER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let rest = referer.find("://").map(|i| &referer[i + 3..]).unwrap_or_default();
    let (host, path) = rest.find('/').map(|j| rest.split_at(j)).unwrap_or((rest, ""));
    let same_host = host == req.connection_info().host();
    if same_host && path.starts_with(BASE) && !path.chars().any(char::is_control) {
        path.to_owned()
    } else {
        format!("{BASE}/")
    }
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl<R: MinRole + 'static> FromRequest for Staff<R> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req.cookie(COOKIE).map(|c| c.value().to_owned()).filter(|t| !t.is_empty());
        let db = req.app_data::<web::Data<Database>>().cloned();
        let lang = lang_of(req);
        let next = if req.method() == actix_web::http::Method::GET {
            req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default()
        } else {
            // A form sent after the session ended: back to the page it was sent from.
            referring_page(req)
        };
        Box::pin(async move {
            let db = db.ok_or_else(|| PageError::internal(lang, "the console has no database"))?;
            let Some(token) = token else { return Err(PageError::SignIn { next }) };
            let Some(session) = sessions::resume(&db, &token).await.map_err(|e| PageError::from_operation(lang, e))?
            else {
                return Err(PageError::SignIn { next });
            };
            let tr = Tr::new(lang);
            if !session.caller.has(R::ROLE) {
                return Err(PageError::forbidden(lang));
            }
            Ok(Staff { session, token, tr, _role: PhantomData })
        })
    }
}
