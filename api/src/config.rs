//! Settings in layers: defaults, then an optional TOML file (`INTERCOOP_CONFIG`, or `./intercoop.toml` when it
//! exists), then environment variables.

use std::path::{Path, PathBuf};

use anyhow::Context;
use intercoop_domain::report::Letterhead;

use crate::auth::idp::IdpSettings;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::webhooks::WebhookSettings;
use serde::Deserialize;

/// A secret that never shows in logs or debug output.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(text)
    }
}

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Address and port to listen on.
    pub listen: String,
    /// Where the embedded database and the generated token secret live.
    pub data_dir: PathBuf,
    /// A `postgres://` or `sqlite://` URL; when absent, SQLite in the data directory.
    pub database_url: Option<String>,
    /// The HS256 secret for tokens; when absent, generated once into the data directory.
    pub jwt_secret: Option<Secret>,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// The largest report upload accepted (`POST /api/v1/imports`).
    pub max_upload_bytes: usize,
    /// How long a request may take to be answered.
    pub request_timeout_secs: u64,
    pub db_max_connections: u32,
    /// HTTP worker threads; default: one per core.
    pub workers: Option<usize>,
    /// `json`, `text`, or `auto` (JSON when stdout is not a terminal).
    pub log_format: String,
    /// Load the 2024 programme into the embedded database when `serve` creates it.
    pub seed_demo: bool,
    /// The report's letterhead and signature (the `[letterhead]` table of the settings file).
    pub letterhead: Letterhead,
    /// Refuse writes to existing records that carry no `If-Match` (428).
    pub require_if_match: bool,
    /// Accept the council identity provider's tokens too.
    pub idp: Option<IdpSettings>,
    /// Delivery of webhook events (the `[webhooks]` table).
    pub webhooks: WebhookSettings,
    /// The open data's licence (the `[open_data]` table).
    pub open_data: OpenDataSettings,
    /// The URL the public reaches the service at (`https://intercoop.khm.gov.ua`), for absolute URLs in the open
    /// data; default: `http://` and the listening address.
    pub public_base_url: Option<String>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` or `Forwarded` names the caller.
    pub trusted_proxies: Vec<String>,
    /// Whether the first start makes a local `admin` account (off where people sign in through the identity
    /// provider only).
    pub first_admin: bool,
    /// The first admin's password; when absent, one is generated and shown once.
    pub admin_password: Option<Secret>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    jwt_secret: Option<Secret>,
    max_body_bytes: Option<usize>,
    max_upload_bytes: Option<usize>,
    request_timeout_secs: Option<u64>,
    db_max_connections: Option<u32>,
    workers: Option<usize>,
    log_format: Option<String>,
    seed_demo: Option<bool>,
    letterhead: Option<Letterhead>,
    require_if_match: Option<bool>,
    idp: Option<IdpSettings>,
    webhooks: Option<WebhookSettings>,
    open_data: Option<OpenDataSettings>,
    public_base_url: Option<String>,
    trusted_proxies: Option<Vec<String>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            jwt_secret: None,
            max_body_bytes: 1 << 20,
            max_upload_bytes: 16 << 20,
            request_timeout_secs: 60,
            db_max_connections: 10,
            workers: None,
            log_format: "auto".into(),
            seed_demo: true,
            letterhead: Letterhead::default(),
            require_if_match: false,
            idp: None,
            webhooks: WebhookSettings::default(),
            open_data: OpenDataSettings::default(),
            public_base_url: None,
            trusted_proxies: Vec::new(),
            first_admin: true,
            admin_password: None,
        }
    }
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let mut s = Settings::default();
        let file = match std::env::var_os("INTERCOOP_CONFIG") {
            Some(path) => Some(PathBuf::from(path)),
            None => Some(PathBuf::from("intercoop.toml")).filter(|p| p.exists()),
        };
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let f: FileSettings = toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
            s.listen = f.listen.unwrap_or(s.listen);
            s.data_dir = f.data_dir.unwrap_or(s.data_dir);
            s.database_url = f.database_url.or(s.database_url);
            s.jwt_secret = f.jwt_secret.or(s.jwt_secret);
            s.max_body_bytes = f.max_body_bytes.unwrap_or(s.max_body_bytes);
            s.max_upload_bytes = f.max_upload_bytes.unwrap_or(s.max_upload_bytes);
            s.request_timeout_secs = f.request_timeout_secs.unwrap_or(s.request_timeout_secs);
            s.db_max_connections = f.db_max_connections.unwrap_or(s.db_max_connections);
            s.workers = f.workers.or(s.workers);
            s.log_format = f.log_format.unwrap_or(s.log_format);
            s.seed_demo = f.seed_demo.unwrap_or(s.seed_demo);
            s.letterhead = f.letterhead.unwrap_or(s.letterhead);
            s.require_if_match = f.require_if_match.unwrap_or(s.require_if_match);
            s.idp = f.idp.or(s.idp);
            s.webhooks = f.webhooks.unwrap_or(s.webhooks);
            s.open_data = f.open_data.unwrap_or(s.open_data);
            s.public_base_url = f.public_base_url.or(s.public_base_url);
            s.trusted_proxies = f.trusted_proxies.unwrap_or(s.trusted_proxies);
        }
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let number = |name: &str| -> anyhow::Result<Option<usize>> {
            env(name).map(|v| v.parse::<usize>().with_context(|| format!("{name} must be a whole number"))).transpose()
        };
        s.listen = env("INTERCOOP_LISTEN").unwrap_or(s.listen);
        s.data_dir = env("INTERCOOP_DATA_DIR").map(PathBuf::from).unwrap_or(s.data_dir);
        s.database_url = env("INTERCOOP_DATABASE_URL").or_else(|| env("DATABASE_URL")).or(s.database_url);
        s.jwt_secret = env("INTERCOOP_JWT_SECRET").map(Secret).or(s.jwt_secret);
        s.max_body_bytes = number("INTERCOOP_MAX_BODY_BYTES")?.unwrap_or(s.max_body_bytes);
        s.max_upload_bytes = number("INTERCOOP_MAX_UPLOAD_BYTES")?.unwrap_or(s.max_upload_bytes);
        s.request_timeout_secs =
            number("INTERCOOP_REQUEST_TIMEOUT_SECS")?.map(|n| n as u64).unwrap_or(s.request_timeout_secs).max(1);
        s.db_max_connections =
            number("INTERCOOP_DB_MAX_CONNECTIONS")?.map(|n| n as u32).unwrap_or(s.db_max_connections);
        s.workers = number("INTERCOOP_WORKERS")?.or(s.workers);
        s.log_format = env("INTERCOOP_LOG_FORMAT").unwrap_or(s.log_format);
        s.seed_demo = flag("INTERCOOP_SEED_DEMO")?.unwrap_or(s.seed_demo);
        s.require_if_match = flag("INTERCOOP_REQUIRE_IF_MATCH")?.unwrap_or(s.require_if_match);
        s.webhooks.enabled = flag("INTERCOOP_WEBHOOKS_ENABLED")?.unwrap_or(s.webhooks.enabled);
        if let Some(list) = env("INTERCOOP_WEBHOOKS_ALLOWED_TARGETS") {
            s.webhooks.allowed_targets =
                list.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        }
        if let Some(list) = env("INTERCOOP_WEBHOOKS_ALLOWED_PORTS") {
            s.webhooks.allowed_ports = list
                .split(',')
                .map(|p| p.trim().parse::<u16>().with_context(|| format!("INTERCOOP_WEBHOOKS_ALLOWED_PORTS: '{p}'")))
                .collect::<anyhow::Result<_>>()?;
        }
        s.public_base_url = env("INTERCOOP_PUBLIC_BASE_URL").or(s.public_base_url);
        s.admin_password = env("INTERCOOP_ADMIN_PASSWORD").map(Secret).or(s.admin_password);
        s.first_admin = flag("INTERCOOP_FIRST_ADMIN")?.unwrap_or(s.first_admin);
        if let Some(list) = env("INTERCOOP_TRUSTED_PROXIES") {
            s.trusted_proxies = list.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        }
        if let Some(url) = env("INTERCOOP_OPEN_DATA_LICENSE_URL") {
            s.open_data.license_id = env("INTERCOOP_OPEN_DATA_LICENSE_ID").unwrap_or_default();
            s.open_data.license_title = env("INTERCOOP_OPEN_DATA_LICENSE_TITLE").unwrap_or_else(|| url.clone());
            s.open_data.license_url = url;
        }
        if let (Some(issuer), Some(audience)) = (env("INTERCOOP_IDP_ISSUER"), env("INTERCOOP_IDP_AUDIENCE")) {
            s.idp = Some(IdpSettings {
                jwks_file: env("INTERCOOP_IDP_JWKS_FILE").map(PathBuf::from),
                jwks_url: env("INTERCOOP_IDP_JWKS_URL"),
                issuer,
                audience,
                role_claim: env("INTERCOOP_IDP_ROLE_CLAIM").unwrap_or_else(|| "role".into()),
                unit_claim: env("INTERCOOP_IDP_UNIT_CLAIM"),
            });
        }
        Ok(s)
    }

    /// The public base URL and the trusted proxies, checked.
    pub fn public_address(&self) -> anyhow::Result<crate::http::proxies::PublicAddress> {
        if let Some(url) = &self.public_base_url {
            crate::http::proxies::check_base_url(url).map_err(anyhow::Error::msg)?;
        }
        let trusted_proxies = self
            .trusted_proxies
            .iter()
            .map(|p| {
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .with_context(|| format!("trusted proxy '{p}' is not an address or a CIDR range"))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(crate::http::proxies::PublicAddress { base_url: self.public_base_url.clone(), trusted_proxies })
    }

    /// The database URL: the configured one, or a SQLite file in the data directory (created as needed).
    pub fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating the data directory {}", self.data_dir.display()))?;
        Ok(format!("sqlite://{}?mode=rwc", self.data_dir.join("intercoop.sqlite").display()))
    }

    /// The token secret: configured, or read from (first generated into) `<data_dir>/jwt-secret`.
    pub fn jwt_secret(&self) -> anyhow::Result<Secret> {
        if let Some(secret) = &self.jwt_secret {
            anyhow::ensure!(secret.0.len() >= 32, "the JWT secret must be at least 32 characters long");
            return Ok(secret.clone());
        }
        let path = self.data_dir.join("jwt-secret");
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Ok(Secret(text.trim().to_owned()));
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let secret = intercoop_operations::accounts::passwords::random_secret();
        write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(Secret(secret))
    }
}

/// A true/false environment variable.
fn flag(name: &str) -> anyhow::Result<Option<bool>> {
    match std::env::var(name).ok().filter(|v| !v.is_empty()).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes") => Ok(Some(true)),
        Some("0" | "false" | "no") => Ok(Some(false)),
        Some(other) => anyhow::bail!("{name} must be true or false, not '{other}'"),
    }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}
