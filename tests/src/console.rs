//! A browser without a browser: a cookie jar that signs in to the staff console, reads its pages and sends its
//! forms as a browser would (urlencoded, following nothing by itself, so a test sees each redirect).

use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;

use crate::TestApp;

/// A page or a redirect as the console answered it.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    /// Where a redirect points.
    pub location: Option<String>,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    /// Fails with the body unless the status is `status`.
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status, status, "unexpected status; the page:\n{}", self.body);
        self
    }

    /// The value of the first hidden or text input named `name`.
    pub fn input(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(unescape(&self.body[start..end]))
    }

    /// The CSRF token the page's forms carry.
    pub fn csrf(&self) -> String {
        self.input("csrf").expect("the page has a form with a CSRF token")
    }

    /// The text of the error shown beside the input `field`.
    pub fn field_error(&self, field: &str) -> Option<String> {
        let marker = format!("id=\"{field}-error\">");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('<')? + start;
        Some(unescape(&self.body[start..end]))
    }

    /// Every value of the checkboxes named `name`.
    pub fn choices(&self, name: &str) -> Vec<String> {
        let marker = format!("name=\"{name}\" value=\"");
        self.body.split(&marker).skip(1).filter_map(|rest| rest.split('"').next().map(str::to_owned)).collect()
    }
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// One browser's session with the console.
pub struct Console {
    base: String,
    client: reqwest::Client,
    jar: std::sync::Arc<Jar>,
}

impl Console {
    /// A browser with an empty cookie jar.
    pub fn new(app: &TestApp) -> Self {
        let jar = std::sync::Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .no_proxy()
            .build()
            .expect("a client");
        Console { base: app.base.clone(), client, jar }
    }

    /// A browser that holds the session cookie `value` (copied from another browser).
    pub fn with_cookie(app: &TestApp, value: &str) -> Self {
        let console = Console::new(app);
        let url = reqwest::Url::parse(&format!("{}/console/", app.base)).expect("the console's URL");
        console.jar.add_cookie_str(&format!("intercoop_console={value}; Path=/console"), &url);
        console
    }

    /// The session cookie's value, once signed in.
    pub fn cookie(&self) -> Option<String> {
        let url = reqwest::Url::parse(&format!("{}/console/", self.base)).expect("the console's URL");
        let cookies = self.jar.cookies(&url)?;
        cookies.to_str().ok()?.split("; ").find_map(|c| c.strip_prefix("intercoop_console=")).map(str::to_owned)
    }

    /// Signs in as `username` with `password` through the sign-in form.
    pub async fn sign_in(app: &TestApp, username: &str, password: &str) -> (Console, Page) {
        let console = Console::new(app);
        let form = console.get("/console/sign-in").await.expect(200);
        let csrf = form.csrf();
        let page =
            console.post("/console/sign-in", &[("csrf", &csrf), ("username", username), ("password", password)]).await;
        (console, page)
    }

    /// Signs in as `username` with the test accounts' password; fails unless it works.
    pub async fn signed_in(app: &TestApp, username: &str) -> Console {
        let (console, page) = Console::sign_in(app, username, crate::PASSWORD).await;
        assert_eq!(page.status, 303, "signing in failed: {}", page.body);
        console
    }

    pub async fn get(&self, path: &str) -> Page {
        read(self.client.get(format!("{}{path}", self.base)).send().await.expect("the request is sent")).await
    }

    /// Sends a form as a browser does (`application/x-www-form-urlencoded`); fields may repeat.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded(fields);
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        read(request.send().await.expect("the request is sent")).await
    }

    /// Sends a form from the page `referer`, as a browser says where a form came from.
    pub async fn post_from(&self, path: &str, referer: &str, fields: &[(&str, &str)]) -> Page {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("referer", referer)
            .body(serde_urlencoded(fields));
        read(request.send().await.expect("the request is sent")).await
    }

    /// Sends a `multipart/form-data` form (a file upload) as a browser does.
    pub async fn post_multipart(&self, path: &str, parts: &[crate::Part<'_>]) -> Page {
        let (content_type, body) = crate::form(parts);
        let request = self.client.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body);
        read(request.send().await.expect("the request is sent")).await
    }

    /// The bytes of a download: status, content type and body.
    pub async fn download(&self, path: &str) -> (u16, String, Vec<u8>) {
        let response = self.client.get(format!("{}{path}", self.base)).send().await.expect("the request is sent");
        let status = response.status().as_u16();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (status, content_type, response.bytes().await.unwrap_or_default().to_vec())
    }
}

fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    let mut url = reqwest::Url::parse("http://form.invalid/").expect("a URL");
    url.query_pairs_mut().extend_pairs(fields);
    url.query().unwrap_or_default().to_owned()
}

async fn read(response: reqwest::Response) -> Page {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    Page { status, location, body, headers }
}
