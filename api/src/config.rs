//! Settings in layers (figment): defaults, then an optional TOML file (`INTERCOOP_CONFIG`, or `./intercoop.toml`
//! when it exists), then `INTERCOOP_` environment variables. A table's setting is named with `__` in the
//! environment (`INTERCOOP_WEBHOOKS__TIMEOUT_MS`, `INTERCOOP_LETTERHEAD__REGISTRY_CODE`); the settings of the
//! `webhooks`, `open_data` and `idp` tables may also be written with one `_` (`INTERCOOP_WEBHOOKS_ENABLED`). An
//! empty variable counts as unset.

use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
use intercoop_domain::report::Letterhead;
use intercoop_operations::open_data::OpenDataSettings;
use intercoop_operations::settings::list;
use intercoop_operations::webhooks::WebhookSettings;
use serde::Deserialize;

use crate::auth::idp::IdpSettings;

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

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address and port to listen on.
    pub listen: String,
    /// Where the embedded database and the generated token secret live.
    pub data_dir: PathBuf,
    /// A `postgres://` or `sqlite://` URL; when absent, SQLite in the data directory (`DATABASE_URL` is read too).
    pub database_url: Option<String>,
    /// The HS256 secret for tokens; when absent, generated once into the data directory.
    pub jwt_secret: Option<Secret>,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// The largest report upload accepted (`POST /api/v1/imports`).
    pub max_upload_bytes: usize,
    /// How long a request may take to be answered (at least a second).
    pub request_timeout_secs: u64,
    pub db_max_connections: u32,
    /// HTTP worker threads; default: one per core.
    pub workers: Option<usize>,
    /// `json`, `text`, or `auto` (JSON when stdout is not a terminal).
    pub log_format: String,
    /// Load the 2024 programme into the embedded database when `serve` creates it.
    pub seed_demo: bool,
    /// The report's letterhead and signature (the `[letterhead]` table).
    pub letterhead: Letterhead,
    /// Refuse writes to existing records that carry no `If-Match` (428).
    pub require_if_match: bool,
    /// Accept the council identity provider's tokens too (the `[idp]` table).
    pub idp: Option<IdpSettings>,
    /// Delivery of webhook events (the `[webhooks]` table).
    pub webhooks: WebhookSettings,
    /// The open data's licence (the `[open_data]` table).
    pub open_data: OpenDataSettings,
    /// The URL the public reaches the service at (`https://intercoop.khm.gov.ua`), for absolute URLs in the open
    /// data; default: `http://` and the listening address.
    pub public_base_url: Option<String>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` or `Forwarded` names the caller.
    #[serde(deserialize_with = "list")]
    pub trusted_proxies: Vec<String>,
    /// Whether the first start makes a local `admin` account (off where people sign in through the identity
    /// provider only).
    pub first_admin: bool,
    /// The first admin's password; when absent, one is generated and shown once.
    pub admin_password: Option<Secret>,
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

/// The tables whose settings may be named with one `_` after the table's name in the environment.
const TABLES: [&str; 3] = ["webhooks", "open_data", "idp"];

/// The key path of an `INTERCOOP_` variable's setting: `WEBHOOKS__TIMEOUT_MS` and `WEBHOOKS_TIMEOUT_MS` are
/// `webhooks.timeout_ms`.
fn key_of(name: &str) -> String {
    let key = name.to_ascii_lowercase();
    if key.contains("__") {
        return key.replace("__", ".");
    }
    match TABLES.iter().find_map(|t| key.strip_prefix(t).and_then(|rest| rest.strip_prefix('_')).map(|rest| (t, rest)))
    {
        Some((table, rest)) => format!("{table}.{rest}"),
        None => key,
    }
}

/// The layers: defaults (the types' own), the settings file, then the environment's `variables`: `DATABASE_URL`,
/// then the `INTERCOOP_` ones, each as written (a number or a switch is read from its text).
fn figment(file: Figment, variables: impl IntoIterator<Item = (String, String)>) -> Figment {
    let mut variables: Vec<(String, String)> = variables.into_iter().filter(|(_, value)| !value.is_empty()).collect();
    variables.sort();
    let mut figment = file;
    let value_of = |name: &str| variables.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    if let Some(url) = value_of("DATABASE_URL") {
        figment = figment.merge(Serialized::global("database_url", url));
    }
    for (name, value) in &variables {
        let Some(name) = name.strip_prefix("INTERCOOP_").filter(|n| *n != "CONFIG") else { continue };
        figment = figment.merge(Serialized::global(&key_of(name), value));
    }
    // A licence named by its URL alone has no SPDX identifier, and its URL for a title.
    if let Some(url) = value_of("INTERCOOP_OPEN_DATA_LICENSE_URL") {
        let id = value_of("INTERCOOP_OPEN_DATA_LICENSE_ID").unwrap_or_default();
        let title = value_of("INTERCOOP_OPEN_DATA_LICENSE_TITLE").unwrap_or(url);
        figment = figment.merge(Serialized::global("open_data.license_id", id));
        figment = figment.merge(Serialized::global("open_data.license_title", title));
    }
    figment
}

fn extract(figment: Figment) -> anyhow::Result<Settings> {
    let mut settings: Settings = figment.extract_lossy().context("reading the settings")?;
    settings.request_timeout_secs = settings.request_timeout_secs.max(1);
    settings.open_data.check().map_err(anyhow::Error::msg)?;
    Ok(settings)
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let file = match std::env::var_os("INTERCOOP_CONFIG") {
            Some(path) => Some(PathBuf::from(path)),
            None => Some(PathBuf::from("intercoop.toml")).filter(|p| p.exists()),
        };
        let file = match file {
            Some(path) => Figment::from(Toml::file_exact(path)),
            None => Figment::new(),
        };
        extract(figment(file, std::env::vars()))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_environment_overrides_the_file_and_names_tables_two_ways() {
        let file = Figment::from(Toml::string(
            "listen = \"0.0.0.0:9000\"\nmax_body_bytes = 10\n[webhooks]\ntimeout_ms = 100\nallowed_ports = [8443]\n",
        ));
        let settings = extract(figment(
            file,
            vars(&[
                ("INTERCOOP_MAX_BODY_BYTES", "2048"),
                ("INTERCOOP_WEBHOOKS_ENABLED", "no"),
                ("INTERCOOP_WEBHOOKS__RETRY_BASE_MS", "250"),
                ("INTERCOOP_WEBHOOKS_ALLOWED_TARGETS", "10.20.0.0/16, 127.0.0.1"),
                ("INTERCOOP_TRUSTED_PROXIES", "10.0.0.1"),
                ("INTERCOOP_ADMIN_PASSWORD", " \"123456789012\" "),
                ("INTERCOOP_SEED_DEMO", "0"),
                ("INTERCOOP_WORKERS", ""),
                ("INTERCOOP_CONFIG", "elsewhere.toml"),
                ("INTERCOOP_REQUEST_TIMEOUT_SECS", "0"),
                ("DATABASE_URL", "postgres://db/intercoop"),
                ("HOME", "/root"),
            ]),
        ))
        .unwrap();
        assert_eq!(settings.listen, "0.0.0.0:9000");
        assert_eq!(settings.max_body_bytes, 2048);
        assert!(!settings.webhooks.enabled);
        assert_eq!(settings.webhooks.timeout_ms, 100);
        assert_eq!(settings.webhooks.retry_base_ms, 250);
        assert_eq!(settings.webhooks.allowed_targets, ["10.20.0.0/16", "127.0.0.1"]);
        assert_eq!(settings.webhooks.allowed_ports, [8443]);
        assert_eq!(settings.trusted_proxies, ["10.0.0.1"]);
        assert_eq!(settings.workers, None, "an empty variable is unset");
        assert_eq!(settings.request_timeout_secs, 1);
        assert_eq!(settings.database_url.as_deref(), Some("postgres://db/intercoop"));
        let password = settings.admin_password.unwrap();
        assert_eq!(password.expose(), " \"123456789012\" ", "a value is taken as written");
        assert!(!format!("{password:?}").contains("1234"), "a secret does not print");
        assert!(!settings.seed_demo);
    }

    #[test]
    fn the_readmes_iati_settings_read_as_written() {
        let readme = include_str!("../../README.md");
        let start = readme.find("```toml\n[open_data]").expect("the README shows the [open_data] table");
        let block = &readme[start + 8..];
        let block = &block[..block.find("```").unwrap()];
        let settings = extract(figment(Figment::from(Toml::string(block)), vars(&[]))).unwrap();
        assert_eq!(settings.open_data.iati_organisation_identifier, "UA-EDR-39816211");
        assert_eq!(settings.open_data.iati_sectors["1.10"], "25010");
        assert_eq!(settings.open_data.iati_default_sector, "15112");
        assert_eq!(settings.open_data.license_type, "Attribution", "the rest keep their defaults");
        let wrong = Figment::from(Toml::string("[open_data]\niati_sectors = { \"1.2\" = \"4303\" }\n"));
        let error = extract(figment(wrong, vars(&[]))).unwrap_err().to_string();
        assert!(error.contains("\"1.2\": '4303' is not a DAC 5-digit sector code"), "{error}");
        let wrong = vars(&[("INTERCOOP_OPEN_DATA_IATI_ORGANISATION_IDENTIFIER", "UA/EDR")]);
        assert!(extract(figment(Figment::new(), wrong)).is_err());
    }

    #[test]
    fn a_licence_named_by_its_url_alone_is_not_called_cc_by() {
        let settings = extract(figment(
            Figment::new(),
            vars(&[("INTERCOOP_OPEN_DATA_LICENSE_URL", "https://data.gov.ua/licence")]),
        ))
        .unwrap();
        assert_eq!(settings.open_data.license_url, "https://data.gov.ua/licence");
        assert_eq!(settings.open_data.license_title, "https://data.gov.ua/licence");
        assert_eq!(settings.open_data.license_id, "");
    }

    #[test]
    fn wrong_values_and_unknown_settings_are_refused_by_name() {
        for (name, value) in
            [("INTERCOOP_MAX_BODY_BYTES", "lots"), ("INTERCOOP_SEED_DEMO", "maybe"), ("INTERCOOP_COLOUR", "red")]
        {
            let error = extract(figment(Figment::new(), vars(&[(name, value)]))).unwrap_err();
            let text = format!("{error:#}").to_lowercase();
            let key = name.trim_start_matches("INTERCOOP_").to_lowercase();
            assert!(text.contains(&key), "{name}: {text}");
        }
    }
}
