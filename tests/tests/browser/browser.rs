//! A headless Chromium for one test: chromedriver on a free loopback port, a fresh profile, no network beyond
//! loopback; axe-core's check of a page; screenshots.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// Where the screenshots go.
pub fn screenshots() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("console-screenshots")
}

/// axe-core's script, from its npm package (`.ci/run` installs it into `target/axe-core`; `AXE_CORE` names
/// another copy).
fn axe_source() -> Option<String> {
    let path = std::env::var("AXE_CORE").map(PathBuf::from).unwrap_or_else(|_| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/axe-core/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(path).ok()
}

pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Driver,
    axe: Option<String>,
}

/// chromedriver and the browser's profile, ended and removed however the test ends (a failed assertion too).
struct Driver {
    process: Child,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    pub async fn start(base: &str) -> Browser {
        // Two TLS back ends are built in (the WebDriver client's and the service's); the client speaks plain HTTP
        // to chromedriver on loopback, but its builder wants one chosen.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let process = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(format!("intercoop-chromium-{}", uuid::Uuid::new_v4()));
        let driver = Driver { process, profile: profile.clone() };
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=Translate,MediaRouter,OptimizationHints", "--window-size=1280,1000",
                "--lang=uk", format!("--user-data-dir={}", profile.display()),
            ],
        });
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let mut client = None;
        for _ in 0..100 {
            match ClientBuilder::rustls()
                .expect("a WebDriver client")
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let client = client.expect("chromedriver answers within 10 s");
        let axe = axe_source();
        if axe.is_none() {
            assert!(
                std::env::var("AXE_CORE_REQUIRED").is_err(),
                "axe-core is required here: npm install --prefix target/axe-core axe-core"
            );
            eprintln!(
                "axe-core not found (npm install --prefix target/axe-core axe-core): pages are not checked for WCAG 2.1 AA"
            );
        }
        Browser { client, base: base.to_owned(), driver, axe }
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("the page loads");
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).text().await.unwrap()
    }

    pub async fn body(&self) -> String {
        self.text("body").await
    }

    pub async fn fill(&self, id: &str, value: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Sets an input's value as a date picker would (a typed date depends on the browser's locale).
    pub async fn set_value(&self, id: &str, value: &str) {
        self.client
            .execute("document.getElementById(arguments[0]).value = arguments[1];", vec![json!(id), json!(value)])
            .await
            .unwrap();
    }

    /// Clicks what `css` finds, and waits for the page it leads to.
    pub async fn click(&self, css: &str) {
        self.client.execute("window.intercoopLeaving = true; return true;", vec![]).await.unwrap();
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
        self.arrived().await;
    }

    /// Presses `key` on whatever has the focus, as a keyboard would.
    pub async fn press(&self, key: Key) {
        let key = char::from(key);
        let keys =
            KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("the key is pressed");
    }

    /// Presses Tab until what `css` finds has the focus (at most 300 times), and checks that the focus shows.
    pub async fn tab_to(&self, css: &str) {
        let check = "const e = document.activeElement;
            if (!e || !e.matches(arguments[0])) return 'elsewhere';
            const s = getComputedStyle(e);
            return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'visible' : 'unseen';";
        for _ in 0..300 {
            match self.client.execute(check, vec![json!(css)]).await.unwrap().as_str() {
                Some("visible") => return,
                Some("unseen") => panic!("{css} has the focus, but the focus does not show"),
                _ => self.press(Key::Tab).await,
            }
        }
        panic!("Tab never reached {css}");
    }

    /// Types `text` into what has the focus.
    pub async fn type_text(&self, text: &str) {
        self.client.active_element().await.unwrap().send_keys(text).await.unwrap();
    }

    /// Presses Enter on what has the focus (a link, a button, a field of a form), and waits for the page it leads to.
    pub async fn enter(&self) {
        self.client.execute("window.intercoopLeaving = true; return true;", vec![]).await.unwrap();
        self.press(Key::Enter).await;
        self.arrived().await;
    }

    /// Ticks a checkbox (no page load follows).
    pub async fn tick(&self, css: &str) {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
    }

    /// Waits until a new page has loaded (the old page's window is gone).
    async fn arrived(&self) {
        let check = "return window.intercoopLeaving === undefined && document.readyState === 'complete';";
        for _ in 0..200 {
            if let Ok(Value::Bool(true)) = self.client.execute(check, vec![]).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no new page within 10 s");
    }

    /// Checks the page with axe-core against WCAG 2.1 A and AA: no violation.
    pub async fn accessible(&self, page: &str) {
        let Some(axe) = &self.axe else { return };
        self.client.execute(&format!("{axe}\nreturn true;"), vec![]).await.expect("axe-core loads");
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(r => done({passes: r.passes.length, violations: r.violations.map(v => v.id + ': ' + v.help +
                 ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | '))}))
              .catch(e => done({passes: 0, violations: ['axe failed: ' + e]}));";
        let result = self.client.execute_async(script, vec![]).await.expect("axe-core runs");
        let violations: Vec<Value> = result["violations"].as_array().cloned().unwrap_or_default();
        assert!(violations.is_empty(), "{page}: accessibility violations:\n{violations:#?}");
        assert!(result["passes"].as_u64().unwrap_or_default() > 5, "{page}: axe-core checked too little: {result}");
    }

    /// Saves a screenshot of the page as `target/console-screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;",
                vec![],
            )
            .await
            .unwrap();
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = screenshots();
        std::fs::create_dir_all(&dir).unwrap();
        // Written aside and renamed: the same journey runs on both databases at once.
        let partial = dir.join(format!("{name}.{}.part", uuid::Uuid::new_v4()));
        std::fs::write(&partial, png).unwrap();
        std::fs::rename(partial, dir.join(format!("{name}.png"))).unwrap();
    }

    /// Fetches `path` with the browser's session: status, content type and the first bytes.
    pub async fn fetch(&self, path: &str) -> (u16, String, String) {
        let script = "const done = arguments[arguments.length - 1];
            fetch(arguments[0]).then(async r => {
                const bytes = new Uint8Array(await r.arrayBuffer());
                done([r.status, r.headers.get('content-type') || '', String.fromCharCode(...bytes.slice(0, 4)), bytes.length]);
            }).catch(e => done([0, String(e), '', 0]));";
        let answer = self.client.execute_async(script, vec![json!(path)]).await.expect("the fetch runs");
        (
            answer[0].as_u64().unwrap_or_default() as u16,
            answer[1].as_str().unwrap_or_default().to_owned(),
            answer[2].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Ends the session (the browser quits); chromedriver ends with the `Browser`.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        drop(self.driver);
    }
}
