//! `moisson serve`: open the store, load the demo records if asked, run actix-web
//! until SIGTERM or Ctrl-C (actix stops accepting, then lets running requests finish
//! for up to [`SHUTDOWN_TIMEOUT_SECS`] seconds).

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use moisson_model::Viewer;
use moisson_rest::{Profiles, RestState};
use moisson_store::Store;
use tracing_actix_web::TracingLogger;

use crate::config::Config;
use crate::import::{ImportOptions, import_paths};

pub const SHUTDOWN_TIMEOUT_SECS: u64 = 30;

pub async fn serve(config: Config) -> anyhow::Result<()> {
    let store = crate::database::open(&config.database.url).await?;
    if config.server.demo {
        load_demo(store.as_ref(), &config.server.demo_dir).await?;
    }
    let listener = TcpListener::bind(&config.server.listen)
        .with_context(|| format!("cannot listen on {}", config.server.listen))?;
    let addr = listener.local_addr()?;
    let state = rest_state(&config, store, config.public_url(Some(addr)))?;
    if state.admin_token.is_none() {
        tracing::info!("no auth.admin_token: the REST API is read-only");
    }
    tracing::info!(%addr, public_url = %state.public_url, database = %config.database.url, "moisson listening");
    let csw = web::Data::new(moisson_csw::CswState::new(
        state.store.clone(),
        state.admin_token.clone(),
        state.public_url.clone(),
        config.metadata.clone(),
    ));
    let ogcapi = web::Data::new(
        moisson_ogcapi::OgcState::new(state.store.clone(), state.public_url.clone())
            .with_identification(&config.metadata.title, &config.metadata.abstract_text),
    );
    let dcat = web::Data::new(moisson_dcat::DcatState {
        store: state.store.clone(),
        public_url: state.public_url.clone(),
        catalog: dcat_catalog(&config),
    });
    let data = web::Data::new(state);
    HttpServer::new(move || {
        App::new()
            .wrap(from_fn(crate::http::access_log))
            .wrap(TracingLogger::default())
            .app_data(data.clone())
            .app_data(csw.clone())
            .app_data(ogcapi.clone())
            .app_data(dcat.clone())
            .configure(crate::http::configure)
            .configure(moisson_rest::configure)
            .configure(moisson_csw::configure)
            .configure(moisson_ogcapi::configure)
            .configure(moisson_dcat::configure)
    })
    .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
    .listen(listener)?
    .run()
    .await?;
    tracing::info!("moisson stopped");
    Ok(())
}

/// What the REST API needs from the configuration; loads `rest.profiles_dir`.
pub fn rest_state(
    config: &Config,
    store: Arc<dyn Store>,
    public_url: String,
) -> anyhow::Result<RestState> {
    let token = config
        .auth
        .admin_token
        .as_ref()
        .map(|t| t.expose().to_owned());
    let state = RestState::new(store, token, public_url);
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

/// Imports the demo folder when the database holds no record.
pub async fn load_demo(store: &dyn Store, dir: &Path) -> anyhow::Result<()> {
    let existing = store.count(&Viewer::Admin).await?;
    if existing > 0 {
        tracing::info!(existing, "database not empty: demo records not loaded");
        return Ok(());
    }
    if !dir.is_dir() {
        tracing::warn!(dir = %dir.display(), "demo folder not found (set server.demo_dir)");
        return Ok(());
    }
    let report = import_paths(store, &[dir.to_path_buf()], ImportOptions::default()).await?;
    tracing::info!(dir = %dir.display(), loaded = report.imported(), failed = report.failed_files(), "demo records loaded");
    Ok(())
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
