//! The one typed configuration, and where each value comes from.
//!
//! Precedence, lowest first: built-in defaults → the TOML file (`--config FILE`,
//! else `MOISSON_CONFIG`, else `./moisson.toml` if it exists; `${VAR}` and
//! `${VAR:-default}` are replaced from the environment) → environment variables
//! ([`env::FIXED_VARS`] and `MOISSON_<SECTION>__<KEY>`) → command-line flags.
//! Unknown keys are errors that name the key and where it came from.

mod auth;
pub mod env;
mod interpolate;
mod secret;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Format, Toml};
use serde::{Deserialize, Serialize};

pub use auth::AuthSection;
pub use env::{Env, FauxEnv, KeyValues, ProcessEnv};
pub use secret::{DatabaseUrl, REDACTED};

/// The file read when neither `--config` nor `MOISSON_CONFIG` names one, if present.
pub const DEFAULT_FILE: &str = "moisson.toml";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    /// Authentication (`moisson_auth::AuthConfig`): admin token, JWT key and lifetimes,
    /// login rate limit, OpenID Connect issuers.
    pub auth: AuthSection,
    pub rest: RestConfig,
    pub harvest: HarvestConfig,
    /// Service metadata: CSW capabilities (identification, provider, INSPIRE).
    pub metadata: moisson_csw::CswConfig,
    /// The DCAT-AP catalogue (`/dcat`): title, publisher, licence…; fields left at their
    /// default take the `[metadata]` identification.
    pub dcat: moisson_dcat::CatalogConfig,
    pub logging: LoggingConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// `host:port` to bind. `127.0.0.1:8080` by default; `0.0.0.0:8080` in containers.
    pub listen: String,
    /// Base URL of links the server writes about itself; default `http://` + the listen address.
    pub public_url: Option<String>,
    /// Load the demo records into an empty database at start.
    pub demo: bool,
    /// Folder of demo records, relative to the working directory; unset: the records of
    /// `examples/records` built into the binary.
    pub demo_dir: Option<PathBuf>,
    /// Proxies (CIDR blocks or addresses) whose `Forwarded` / `X-Forwarded-For` headers
    /// name the client; anyone else's are ignored. A list in the file, a comma list in
    /// `MOISSON_TRUSTED_PROXIES`. Empty by default: the peer is the client.
    #[serde(deserialize_with = "list_or_commas")]
    pub trusted_proxies: Vec<String>,
    /// Folder of the thumbnails imported from MEF archives, served at `/overviews`;
    /// unset: MEF thumbnails are not kept.
    pub overviews_dir: Option<PathBuf>,
}

/// A list, or one string of comma-separated items (as environment variables give).
fn list_or_commas<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Items {
        List(Vec<String>),
        Commas(String),
    }
    Ok(match Items::deserialize(d)? {
        Items::List(items) => items,
        Items::Commas(text) => text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            public_url: None,
            demo: false,
            demo_dir: None,
            trusted_proxies: Vec::new(),
            overviews_dir: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://PATH` or `postgres://user:password@host/db`.
    pub url: DatabaseUrl,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: DatabaseUrl::new("sqlite://./moisson-data/moisson.db"),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RestConfig {
    /// Folder of custom record profiles (JSON Schemas).
    pub profiles_dir: Option<PathBuf>,
    /// `PUT`, `PATCH` and `DELETE` of a record need `If-Match` with its `ETag` (428
    /// without), so no client overwrites an edit it has not seen.
    /// `MOISSON_REST__REQUIRE_IF_MATCH=true`.
    pub require_if_match: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HarvestConfig {
    /// Run the harvest scheduler in `moisson serve` (sources with a `schedule` start when
    /// due). On by default; off on nodes that should only answer requests (the others
    /// still run the schedules; runs on demand work everywhere).
    /// `MOISSON_HARVEST__SCHEDULER=false`.
    pub scheduler: bool,
}

impl Default for HarvestConfig {
    fn default() -> Self {
        Self { scheduler: true }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoggingConfig {
    /// A `tracing` filter: `info`, `moisson=debug,actix_web=info`…; `RUST_LOG` wins.
    pub level: String,
}

impl Default for LoggingConfig {
    fn default() -> Self {
        Self {
            level: "info".to_owned(),
        }
    }
}

/// Where to load from. `file: None` means `MOISSON_CONFIG`, then `./moisson.toml`.
pub struct Sources<'a> {
    pub file: Option<PathBuf>,
    pub env: &'a dyn Env,
    /// Values from command-line flags, as dotted keys (`server.listen`).
    pub flags: Vec<(String, String)>,
}

impl Config {
    /// Loads and validates the configuration.
    pub fn load(sources: &Sources<'_>) -> anyhow::Result<Self> {
        let config: Self = Self::figment(sources)?
            .extract_lossy()
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        config.validate()?;
        Ok(config)
    }

    /// The layered sources, for inspection.
    pub fn figment(sources: &Sources<'_>) -> anyhow::Result<Figment> {
        let mut figment = Figment::new();
        if let Some(path) = config_file(sources) {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read configuration file {}", path.display()))?;
            let text = interpolate::interpolate(&text, sources.env)
                .with_context(|| format!("in configuration file {}", path.display()))?;
            let name = format!("configuration file {}", path.display());
            figment = figment.merge(Named {
                name,
                inner: Toml::string(&text),
            });
        }
        let secrets = env::secret_files(sources.env)?;
        Ok(figment
            .merge(KeyValues::new("secret file", secrets))
            .merge(KeyValues::from_env(sources.env))
            .merge(KeyValues::new("command-line flag", sources.flags.clone())))
    }

    /// What is valid but probably a mistake in production, for `moisson config check`.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let on_postgres = self.database.url.expose().starts_with("postgres");
        match self.auth.jwt_secret.as_deref().filter(|s| !s.is_empty()) {
            None if on_postgres => warnings.push(
                "auth.jwt_secret is not set while the database is PostgreSQL: each node signs \
                 tokens with a key of its own, so a token from one node fails on the others \
                 and every token fails after a restart"
                    .to_owned(),
            ),
            Some(key) if key.len() < 32 => warnings.push(format!(
                "auth.jwt_secret is {} bytes long; use 32 bytes or more",
                key.len()
            )),
            _ => {}
        }
        warnings
    }

    /// Checks what types alone cannot.
    pub fn validate(&self) -> anyhow::Result<()> {
        listen_port(&self.server.listen).with_context(|| {
            format!(
                "server.listen = {:?}: expected HOST:PORT",
                self.server.listen
            )
        })?;
        if let Some(url) = &self.server.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!("server.public_url = {url:?}: expected an http:// or https:// URL");
        }
        moisson_http::client::TrustedProxies::parse(&self.server.trusted_proxies)
            .map_err(|e| anyhow::anyhow!("server.trusted_proxies: {e}"))?;
        let db = self.database.url.expose();
        if db.contains("://")
            && !["sqlite://", "postgres://", "postgresql://"]
                .iter()
                .any(|s| db.starts_with(s))
        {
            bail!(
                "database.url = {}: expected sqlite://PATH or postgres://…",
                self.database.url
            );
        }
        tracing_subscriber::EnvFilter::try_new(&self.logging.level).with_context(|| {
            format!(
                "logging.level = {:?} is not a valid filter",
                self.logging.level
            )
        })?;
        Ok(())
    }

    /// `server.public_url` without trailing slash, else `http://` + the bound address.
    #[must_use]
    pub fn public_url(&self, bound: Option<SocketAddr>) -> String {
        match &self.server.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => match bound {
                Some(addr) => format!("http://{addr}"),
                None => format!("http://{}", self.server.listen),
            },
        }
    }

    /// The effective configuration as TOML, secrets redacted.
    pub fn to_redacted_toml(&self) -> anyhow::Result<String> {
        Ok(toml::to_string_pretty(self)?)
    }
}

/// The configuration file these sources name or find (`--config`, `MOISSON_CONFIG`, else
/// `./moisson.toml` when it exists).
pub fn config_file(sources: &Sources<'_>) -> Option<PathBuf> {
    if let Some(file) = &sources.file {
        return Some(file.clone());
    }
    if let Some(file) = sources.env.var("MOISSON_CONFIG").filter(|f| !f.is_empty()) {
        return Some(PathBuf::from(file));
    }
    Path::new(DEFAULT_FILE)
        .is_file()
        .then(|| PathBuf::from(DEFAULT_FILE))
}

fn listen_port(listen: &str) -> anyhow::Result<u16> {
    let (host, port) = listen.rsplit_once(':').context("no port")?;
    if host.is_empty() {
        bail!("no host");
    }
    Ok(port.parse()?)
}

/// A provider whose errors name the file it was read from.
struct Named<P> {
    name: String,
    inner: P,
}

impl<P: figment::Provider> figment::Provider for Named<P> {
    fn metadata(&self) -> figment::Metadata {
        figment::Metadata::named(self.name.clone()).interpolater(|_profile, keys| keys.join("."))
    }

    fn data(&self) -> figment::Result<figment::value::Map<figment::Profile, figment::value::Dict>> {
        self.inner.data()
    }
}
