use std::net::TcpListener;

use actix_web::dev::ServerHandle;
use intercoop_api::auth::idp::IdpSettings;
use intercoop_api::auth::{JwtKeys, Role};
use intercoop_api::config::Settings;
use intercoop_api::http::server::start;
use intercoop_operations::webhooks::{WebhookSettings, Worker, WorkerHandle};
use intercoop_persistence::{Database, DbSettings};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use crate::TestResponse;

/// The body limit of the test app, small so that the 413 test sends little.
pub const BODY_LIMIT: usize = 64 * 1024;
/// The upload limit of the test app: the filed report (50 KB) fits, a little more does not.
pub const UPLOAD_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The running service and a direct handle on its database.
pub struct TestApp {
    pub base: String,
    pub db: Database,
    url: String,
    client: reqwest::Client,
    keys: JwtKeys,
    options: Options,
    idp: Option<IdpSettings>,
    server: Option<ServerHandle>,
    worker: Option<WorkerHandle>,
    cleanup: Cleanup,
}

enum Cleanup {
    None,
    Dir(std::path::PathBuf),
    PgDatabase { admin_url: String, name: String },
}

/// Webhook delivery tuned for tests: quick polls and retries, few attempts, and the receivers on this machine
/// (loopback) allowed as targets.
pub fn webhook_settings() -> WebhookSettings {
    WebhookSettings {
        enabled: true,
        timeout_ms: 2_000,
        max_attempts: 4,
        retry_base_ms: 100,
        retry_max_ms: 400,
        poll_interval_ms: 50,
        concurrency: 8,
        retention_days: 30,
        allowed_targets: vec!["127.0.0.0/8".into()],
        allowed_ports: Vec::new(),
    }
}

/// How a test app is set up where it differs from the default.
#[derive(Clone)]
pub struct Options {
    pub require_if_match: bool,
    pub request_timeout: std::time::Duration,
    pub public: intercoop_api::http::proxies::PublicAddress,
    /// The first start makes the `admin` account with this password (by default the tests start with none).
    pub first_admin: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            require_if_match: false,
            request_timeout: std::time::Duration::from_secs(60),
            public: Default::default(),
            first_admin: None,
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, Options::default(), None).await
    }

    /// The service set to refuse writes without If-Match.
    pub async fn spawn_requiring_if_match(backend: Backend) -> TestApp {
        Self::spawn_with(backend, Options { require_if_match: true, ..Options::default() }, None).await
    }

    /// The service accepting an identity provider's tokens too.
    pub async fn spawn_with_idp(backend: Backend, idp: IdpSettings) -> TestApp {
        Self::spawn_with(backend, Options::default(), Some(idp)).await
    }

    /// The service set up with `options`.
    pub async fn spawn_with_options(backend: Backend, options: Options) -> TestApp {
        Self::spawn_with(backend, options, None).await
    }

    async fn spawn_with(backend: Backend, options: Options, idp: Option<IdpSettings>) -> TestApp {
        if std::env::var_os("TEST_LOG").is_some() {
            intercoop_api::http::telemetry::init("text");
        }
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("intercoop-test-{}", uuid::Uuid::new_v4().simple()));
                std::fs::create_dir_all(&dir).unwrap();
                (format!("sqlite://{}?mode=rwc", dir.join("test.sqlite").display()), Cleanup::Dir(dir))
            }
            Backend::Postgres => {
                let admin_url =
                    std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL is set for PostgreSQL tests");
                let name = format!("intercoop_test_{}", uuid::Uuid::new_v4().simple());
                let admin =
                    sea_orm::Database::connect(admin_url.as_str()).await.expect("connecting to TEST_DATABASE_URL");
                admin
                    .execute_raw(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE {name}"),
                    ))
                    .await
                    .expect("creating the test database");
                admin.close().await.ok();
                (with_database(&admin_url, &name), Cleanup::PgDatabase { admin_url, name })
            }
        };
        Self::start(url, options, idp, cleanup).await
    }

    /// The service on `url`, started as `intercoop serve` starts it (`server::start`): the database migrated, the
    /// first admin made, an HTTP server and a webhook worker, as one process of intercoop has.
    async fn start(url: String, options: Options, idp: Option<IdpSettings>, cleanup: Cleanup) -> TestApp {
        let settings = Settings {
            database_url: Some(url.clone()),
            jwt_secret: Some(String::from_utf8(crate::TEST_SECRET.to_vec()).unwrap().into()),
            first_admin: options.first_admin.is_some(),
            admin_password: options.first_admin.clone().map(Into::into),
            max_body_bytes: BODY_LIMIT,
            max_upload_bytes: UPLOAD_LIMIT,
            request_timeout_secs: options.request_timeout.as_secs().max(1),
            db_max_connections: 5,
            workers: Some(1),
            seed_demo: false,
            require_if_match: options.require_if_match,
            idp: idp.clone(),
            webhooks: webhook_settings(),
            public_base_url: options.public.base_url.clone(),
            trusted_proxies: options.public.trusted_proxies.iter().map(|p| p.to_string()).collect(),
            ..Settings::default()
        };
        let bind = || Ok(TcpListener::bind("127.0.0.1:0")?);
        let started = start(&settings, bind, false).await.expect("starting the service");
        let port = started.address.port();
        let handle = started.server.handle();
        tokio::spawn(started.server);
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            db: started.db,
            url,
            client: reqwest::Client::new(),
            keys: started.keys,
            options,
            idp,
            server: Some(handle),
            worker: started.worker,
            cleanup,
        }
    }

    /// The database this app runs on.
    pub fn backend(&self) -> Backend {
        if self.url.starts_with("sqlite:") { Backend::Sqlite } else { Backend::Postgres }
    }

    /// A second process of the service on the same database, as a load balancer's second replica.
    pub async fn spawn_sibling(&self) -> TestApp {
        Self::start(self.url.clone(), self.options.clone(), self.idp.clone(), Cleanup::None).await
    }

    /// Stops the webhook worker as a shutdown does, letting deliveries in flight finish.
    pub async fn stop_worker(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.stop().await;
        }
    }

    /// Starts a webhook worker on a fresh pool, as a restarted process would.
    pub async fn start_worker(&mut self) {
        let db = Database::connect(&DbSettings::new(self.url.clone())).await.expect("connecting again");
        self.worker = Some(Worker::new(db, webhook_settings()).expect("a webhook worker").spawn());
    }

    pub fn token(&self, role: Role) -> String {
        self.keys.issue("test", role, 600).unwrap()
    }

    /// A token for another subject than the usual `test`.
    pub fn token_as(&self, subject: &str, role: Role) -> String {
        self.keys.issue(subject, role, 600).unwrap()
    }

    /// A token for `role` that lives `extra_seconds` longer than usual (so two of them differ).
    pub fn keys_token_at(&self, role: Role, extra_seconds: i64) -> String {
        self.keys.issue("test", role, 600 + extra_seconds).unwrap()
    }

    /// A token for a caller of `role` who works for `unit`.
    pub fn unit_token(&self, role: Role, unit: &str) -> String {
        self.keys.issue_for_unit("test", role, Some(unit), 600).unwrap()
    }

    /// Sends a request with an optional role's token and an optional JSON body.
    pub async fn call(&self, method: Method, path: &str, role: Option<Role>, body: Option<&Value>) -> TestResponse {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(role) = role {
            request = request.bearer_auth(self.token(role));
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        read(request.send().await.expect("the request is sent")).await
    }

    /// Sends raw bytes with the given content type, as `role` or anonymously.
    pub async fn call_raw(
        &self,
        method: Method,
        path: &str,
        role: Option<Role>,
        content_type: &str,
        body: Vec<u8>,
    ) -> TestResponse {
        let mut request =
            self.client.request(method, format!("{}{path}", self.base)).header("content-type", content_type).body(body);
        if let Some(role) = role {
            request = request.bearer_auth(self.token(role));
        }
        read(request.send().await.expect("the request is sent")).await
    }

    /// Sends raw bytes with the given content type and headers.
    pub async fn call_raw_with_headers(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        content_type: &str,
        body: Vec<u8>,
    ) -> TestResponse {
        let mut request =
            self.client.request(method, format!("{}{path}", self.base)).header("content-type", content_type).body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send().await.expect("the request is sent")).await
    }

    /// Sends a request with the given headers, as they are.
    pub async fn call_with_headers(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> TestResponse {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        read(request.send().await.expect("the request is sent")).await
    }

    /// POSTs a `multipart/form-data` form of `parts` with the bearer token `token`.
    pub async fn upload(&self, path: &str, token: &str, parts: &[crate::Part<'_>]) -> TestResponse {
        let (content_type, body) = crate::form(parts);
        let authorization = format!("Bearer {token}");
        self.call_raw_with_headers(Method::POST, path, &[("authorization", &authorization)], &content_type, body).await
    }

    /// A GET whose body is bytes: (status, content type, body).
    pub async fn client_get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let response = self.client.get(format!("{}{path}", self.base)).send().await.expect("the request is sent");
        let status = response.status().as_u16();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (status, content_type, response.bytes().await.unwrap_or_default().to_vec())
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.call(Method::GET, path, None, None).await
    }

    pub async fn get_as(&self, path: &str, role: Role) -> TestResponse {
        self.call(Method::GET, path, Some(role), None).await
    }

    pub async fn post(&self, path: &str, role: Role, body: &Value) -> TestResponse {
        self.call(Method::POST, path, Some(role), Some(body)).await
    }

    pub async fn put(&self, path: &str, role: Role, body: &Value) -> TestResponse {
        self.call(Method::PUT, path, Some(role), Some(body)).await
    }

    pub async fn patch(&self, path: &str, role: Role, body: &Value) -> TestResponse {
        self.call_raw(
            Method::PATCH,
            path,
            Some(role),
            "application/merge-patch+json",
            serde_json::to_vec(body).unwrap(),
        )
        .await
    }

    pub async fn delete(&self, path: &str, role: Role) -> TestResponse {
        self.call(Method::DELETE, path, Some(role), None).await
    }

    /// Creates a record as an admin and returns it, failing the test unless the answer is 201.
    pub async fn create(&self, collection: &str, body: &Value) -> Value {
        let response = self.post(collection, Role::Admin, body).await;
        assert_eq!(response.status.as_u16(), 201, "creating in {collection}: {}", response.text);
        response.json()
    }

    /// Creates a record as an admin and publishes it as a publisher; returns the published record.
    pub async fn create_published(&self, collection: &str, body: &Value) -> Value {
        let created = self.create(collection, body).await;
        self.publish(&format!("{collection}/{}", created["id"].as_str().unwrap())).await
    }

    /// Publishes the record at `path` as a publisher, failing the test unless the answer is 200.
    pub async fn publish(&self, path: &str) -> Value {
        let response = self.call(Method::POST, &format!("{path}/publish"), Some(Role::Publisher), None).await;
        assert_eq!(response.status.as_u16(), 200, "publishing {path}: {}", response.text);
        response.json()
    }

    /// Reads the change feed from `after` (the start when empty) to its current end: the changes and the next
    /// cursor.
    pub async fn follow_changes(&self, after: &str) -> (Vec<Value>, String) {
        let (mut items, mut cursor) = (Vec::new(), after.to_owned());
        loop {
            let page = self.get_as(&format!("/api/v1/changes?after={cursor}&limit=50"), Role::Viewer).await.expect(200);
            items.extend(page["items"].as_array().unwrap().iter().cloned());
            cursor = page["next"].as_str().unwrap().to_owned();
            if !page["has_more"].as_bool().unwrap() {
                return (items, cursor);
            }
        }
    }

    /// Follows the feed from `after` until it has given at least `n` changes (on PostgreSQL a change shows once
    /// every older transaction of the server has ended, so it may take a moment), at most 20 seconds.
    pub async fn changes_until(&self, after: &str, n: usize) -> (Vec<Value>, String) {
        let started = std::time::Instant::now();
        let (mut items, mut cursor) = (Vec::new(), after.to_owned());
        loop {
            let (more, next) = self.follow_changes(&cursor).await;
            items.extend(more);
            cursor = next;
            if items.len() >= n || started.elapsed() > std::time::Duration::from_secs(20) {
                return (items, cursor);
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// How many rows a table has, read from the database directly.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let conn = self.db.connection();
        let row = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

async fn read(response: reqwest::Response) -> TestResponse {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    TestResponse { status, headers, text }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let without_path = match base.rfind('/') {
        Some(i) if base[..i].ends_with('/') => base.to_owned(),
        Some(i) => base[..i].to_owned(),
        None => base.to_owned(),
    };
    let mut out = format!("{}/{name}", without_path.trim_end_matches('/'));
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let server = self.server.take();
        if let Some(worker) = self.worker.take() {
            worker.abort();
        }
        let db = self.db.clone();
        let cleanup = std::mem::replace(&mut self.cleanup, Cleanup::None);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                if let Some(server) = server {
                    server.stop(false).await;
                }
                db.close().await;
                match cleanup {
                    Cleanup::None => {}
                    Cleanup::Dir(dir) => {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                    Cleanup::PgDatabase { admin_url, name } => {
                        if let Ok(admin) = sea_orm::Database::connect(admin_url.as_str()).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = admin.execute_raw(Statement::from_string(admin.get_database_backend(), sql)).await;
                            let _ = admin.close().await;
                        }
                    }
                }
            });
        })
        .join()
        .ok();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            super::with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://postgres@127.0.0.1:5432", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(super::with_database("postgres://u@h/db?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    }
}
