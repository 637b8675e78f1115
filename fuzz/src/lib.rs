//! The service in the fuzzing process: intercoop on a fresh database (SQLite, or PostgreSQL when FUZZ_DATABASE_URL
//! names a server) loaded with the 2024 programme, serving
//! HTTP on 127.0.0.1 from a thread of its own, and a client that sends one request and checks the answer. Requests
//! go over a real socket, through every layer (HTTP parsing, auth, extractors, validation, the database); the
//! coverage of the server's thread guides the fuzzer as well as the target's own.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

use intercoop_api::http::app::AppContext;
use intercoop_api::auth::{JwtKeys, Role};
use intercoop_api::http::extract::{BodyLimit, UploadLimit};
use intercoop_persistence::{Database, DbSettings};

/// The secret the fuzzing service signs its tokens with.
pub const SECRET: &[u8] = b"the fuzzing secret, long enough for HS256 use";

/// The collections of the records, each with its list, create, replace and merge patch.
pub const RECORD_COLLECTIONS: [&str; 6] = [
    "/api/v1/activities",
    "/api/v1/partners",
    "/api/v1/grants",
    "/api/v1/agreements",
    "/api/v1/measures",
    "/api/v1/programmes",
];

/// The running service: its address, and a token for each role.
pub struct Service {
    pub address: SocketAddr,
    keys: JwtKeys,
}

impl Service {
    pub fn token(&self, role: Role) -> String {
        self.keys.issue("fuzz", role, 24 * 3600).expect("a token")
    }

    /// The id of a record in `collection` (`/api/v1/activities`...), to write to.
    pub fn an_id(&self, collection: &str) -> String {
        let authorization = format!("Bearer {}", self.token(Role::Admin));
        let (_, body) = exchange("GET", &format!("{collection}?limit=1"), &[("Authorization", &authorization)], b"");
        let page: serde_json::Value = serde_json::from_slice(&body).expect("a list");
        page["items"][0]["id"].as_str().unwrap_or_else(|| panic!("{collection} has a record")).to_owned()
    }
}

/// Starts the service once per process.
pub fn service() -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        // On PostgreSQL when FUZZ_DATABASE_URL names a server (a database is made there), on SQLite otherwise.
        let server = std::env::var("FUZZ_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"));
        let name = format!("intercoop_fuzz_{}", std::process::id());
        let url = match &server {
            Some(server) => format!("{}/{name}", server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base)),
            None => {
                let dir = std::env::temp_dir().join(&name);
                std::fs::create_dir_all(&dir).expect("a folder for the database");
                format!("sqlite://{}?mode=rwc", dir.join("fuzz.sqlite").display())
            }
        };
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let address = listener.local_addr().expect("the port");
        let keys = JwtKeys::from_secret(SECRET);
        let server_keys = keys.clone();
        let (ready, started) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                if let Some(server) = server {
                    use sea_orm::ConnectionTrait;
                    let admin = sea_orm::Database::connect(server.as_str()).await.expect("the PostgreSQL server");
                    let create = format!("CREATE DATABASE {name}");
                    admin.execute_unprepared(&create).await.expect("a database for fuzzing");
                    admin.close().await.ok();
                }
                let db = Database::connect(&DbSettings::new(url)).await.expect("the database");
                db.migrate().await.expect("migrations");
                intercoop_persistence::seed::load(&db, intercoop_persistence::seed::KHMELNYTSKYI_2024)
                    .await
                    .expect("the 2024 programme");
                let ctx = AppContext {
                    db,
                    keys: server_keys,
                    body_limit: BodyLimit(64 * 1024),
                    upload_limit: UploadLimit(256 * 1024),
                    letterhead: Default::default(),
                    open_data: Default::default(),
                    require_if_match: intercoop_api::http::preconditions::RequireIfMatch(false),
                    throttle: Default::default(),
                    metrics: Default::default(),
                    request_timeout: intercoop_api::http::timeouts::RequestTimeout(Duration::from_secs(30)),
                    public: Default::default(),
                    webhook_targets: Default::default(),
                    console: intercoop_api::http::proxies::console_origin(),
                };
                let server = intercoop_api::http::server::http_server(listener, ctx, Some(1), false).expect("the server");
                ready.send(()).expect("the fuzz target waits");
                server.await.expect("the server runs");
            })
        });
        started.recv().expect("the service starts");
        Service { address, keys }
    })
}

/// One request's answer.
pub struct Answer {
    pub status: u16,
    pub head: String,
}

/// A request target from arbitrary bytes: kept as sent where HTTP allows it, percent-encoded elsewhere.
pub fn encode_query(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%[]".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A header value from arbitrary bytes: line breaks and other control characters dropped.
pub fn header_value(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().filter(|c| !c.is_control()).collect()
}

/// Sends one request and reads the whole answer (`Connection: close`).
pub fn send(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    exchange(method, target, headers, body).0
}

fn exchange(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> (Answer, Vec<u8>) {
    let service = service();
    let mut stream = TcpStream::connect(service.address).expect("the service accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(request.as_bytes()).expect("the service reads the request");
    stream.write_all(body).expect("the service reads the body");
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .unwrap_or_else(|e| panic!("{method} {target}: the service dropped the request: {e}"));
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(answer.len());
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok());
    let status = status.unwrap_or_else(|| panic!("{method} {target}: not an HTTP answer: {head:?}"));
    let body = answer.get(end + 4..).unwrap_or_default().to_vec();
    (Answer { status, head }, body)
}

/// What every answer must be: never a server error, and every client error a problem document (the OAuth2 token
/// endpoint's as RFC 6749 words it, `application/json`, with the problem's members beside its own).
pub fn check(answer: &Answer, request: &str) {
    assert!(answer.status < 500, "{request}: answered {}\n{}", answer.status, answer.head);
    if (400..500).contains(&answer.status) {
        let head = answer.head.to_ascii_lowercase();
        let media_type = if request.starts_with("POST /api/v1/auth/token ") {
            "content-type: application/json"
        } else {
            "content-type: application/problem+json"
        };
        assert!(head.contains(media_type), "{request}: a {} that is not a problem:\n{}", answer.status, answer.head);
    }
}
