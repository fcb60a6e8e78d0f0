//! The application: every protocol crate's state and routes over one store and one
//! `Authenticator`. `moisson serve` runs it; tests build the very same app in process.

use std::sync::Arc;

use actix_web::web;
use anyhow::Context;
use moisson_auth::Authenticator;
use moisson_csw::CswState;
use moisson_dcat::DcatState;
use moisson_http::client::TrustedProxies;
use moisson_ogcapi::OgcState;
use moisson_rest::{Profiles, RestState};
use moisson_store::{AccountStore, Store};

use crate::config::Config;

/// The shared state of every worker: built once, cloned (cheaply) into each.
#[derive(Clone)]
pub struct AppData {
    /// Identifies callers for every protocol (`moisson_http::caller`).
    pub auth: web::Data<Authenticator>,
    pub rest: web::Data<RestState>,
    pub csw: web::Data<CswState>,
    pub ogcapi: web::Data<OgcState>,
    pub dcat: web::Data<DcatState>,
    /// Whose forwarding headers name the client (rate limiter, logs).
    pub proxies: web::Data<TrustedProxies>,
    /// Thumbnails imported from MEF archives (`/overviews`).
    pub overviews: web::Data<crate::overviews::OverviewsState>,
}

impl AppData {
    /// The state of every protocol from the configuration; links use `public_url`.
    pub fn new(config: &Config, store: Arc<dyn Store>, public_url: &str) -> anyhow::Result<Self> {
        let accounts: Arc<dyn AccountStore> = store.clone();
        let auth = Authenticator::new(config.auth.0.clone(), accounts)
            .context("invalid [auth] configuration")?;
        let rest = rest_state(config, store.clone(), public_url)?;
        let csw = CswState::new(store.clone(), public_url, config.metadata.clone());
        let ogcapi = OgcState::new(store.clone(), public_url)
            .with_identification(&config.metadata.title, &config.metadata.abstract_text);
        let overviews = crate::overviews::OverviewsState {
            dir: config.server.overviews_dir.clone(),
            store: store.clone(),
        };
        let dcat = DcatState {
            store,
            public_url: rest.public_url.clone(),
            catalog: dcat_catalog(config),
        };
        let proxies = TrustedProxies::parse(&config.server.trusted_proxies)
            .map_err(|e| anyhow::anyhow!("server.trusted_proxies: {e}"))?;
        Ok(Self {
            proxies: web::Data::new(proxies),
            auth: web::Data::new(auth),
            rest: web::Data::new(rest),
            csw: web::Data::new(csw),
            ogcapi: web::Data::new(ogcapi),
            dcat: web::Data::new(dcat),
            overviews: web::Data::new(overviews),
        })
    }

    /// Registers the state and the routes of the server and of every protocol crate.
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        cfg.app_data(self.proxies.clone())
            .app_data(self.auth.clone())
            .app_data(self.rest.clone())
            .app_data(self.csw.clone())
            .app_data(self.ogcapi.clone())
            .app_data(self.dcat.clone())
            .app_data(self.overviews.clone())
            .configure(crate::http::configure)
            .configure(crate::overviews::configure)
            // Before moisson_rest: its `/api` answers what the browsers' one does not.
            .configure(crate::api_docs::configure)
            .configure(moisson_rest::configure)
            .configure(moisson_csw::configure)
            .configure(moisson_ogcapi::configure)
            .configure(moisson_dcat::configure);
    }
}

/// What the REST API needs from the configuration; loads `rest.profiles_dir`.
pub fn rest_state(
    config: &Config,
    store: Arc<dyn Store>,
    public_url: &str,
) -> anyhow::Result<RestState> {
    let state =
        RestState::new(store, public_url).with_require_if_match(config.rest.require_if_match);
    let Some(dir) = &config.rest.profiles_dir else {
        return Ok(state);
    };
    let profiles = Profiles::load_dir(dir).with_context(|| {
        format!(
            "cannot load the profiles of rest.profiles_dir = {}",
            dir.display()
        )
    })?;
    tracing::info!(profiles = ?profiles.names().collect::<Vec<_>>(), "record profiles loaded");
    Ok(state.with_profiles(profiles))
}

/// The DCAT catalogue description: `[dcat]`, with the fields left at their default taken
/// from the `[metadata]` identification and provider.
pub fn dcat_catalog(config: &Config) -> moisson_dcat::CatalogConfig {
    let defaults = moisson_dcat::CatalogConfig::default();
    let mut catalog = config.dcat.clone();
    let metadata = &config.metadata;
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
    if catalog.title == defaults.title {
        catalog.title = non_empty(&metadata.title).unwrap_or(catalog.title);
    }
    if catalog.description == defaults.description {
        catalog.description = non_empty(&metadata.abstract_text).unwrap_or(catalog.description);
    }
    if catalog.publisher_name == defaults.publisher_name {
        catalog.publisher_name =
            non_empty(&metadata.provider.name).unwrap_or(catalog.publisher_name);
    }
    if catalog.homepage.is_none() {
        catalog.homepage = non_empty(&metadata.provider.site);
    }
    catalog
}
