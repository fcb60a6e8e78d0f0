//! `moisson serve`: open the store, load the demo records if asked, start the harvest
//! scheduler, run actix-web until SIGTERM or Ctrl-C (actix stops accepting, then lets
//! running requests finish for up to [`SHUTDOWN_TIMEOUT_SECS`] seconds).

use std::net::TcpListener;
use std::path::Path;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer};
use anyhow::Context;
use moisson_model::Viewer;
use moisson_store::Store;
use tracing_actix_web::TracingLogger;

use crate::app::AppData;
use crate::config::Config;
use crate::import::{ImportOptions, import_paths};

pub use crate::app::{dcat_catalog, rest_state};

pub const SHUTDOWN_TIMEOUT_SECS: u64 = 30;

pub async fn serve(config: Config) -> anyhow::Result<()> {
    let store = crate::database::open(&config.database.url).await?;
    // Before the demo records, so that they are linked to concepts as they are written.
    crate::thesauri::load_shipped(store.as_ref()).await?;
    if config.server.demo {
        load_demo(store.as_ref(), config.server.demo_dir.as_deref()).await?;
    }
    let listener = TcpListener::bind(&config.server.listen)
        .with_context(|| format!("cannot listen on {}", config.server.listen))?;
    let addr = listener.local_addr()?;
    let data = AppData::new(&config, store.clone(), &config.public_url(Some(addr)))?;
    if !data.auth.admin_token_configured() {
        tracing::info!(
            "no auth.admin_token: sign in with local accounts (`moisson users add`) or API keys"
        );
    }
    tracing::info!(%addr, public_url = %data.rest.public_url, database = %config.database.url, "moisson listening");
    // Scheduled harvests: every node with the scheduler on runs the loop, one at a time
    // ticks (a job lock).
    let scheduler = if config.harvest.scheduler {
        Some(tokio::spawn(moisson_harvest::scheduler::run_forever(store)))
    } else {
        tracing::info!("harvest scheduler off (harvest.scheduler = false)");
        None
    };
    HttpServer::new(move || {
        App::new()
            .wrap(from_fn(crate::head::head_as_get))
            .wrap(from_fn(crate::http::access_log))
            .wrap(TracingLogger::<crate::http::ClientSpan>::new())
            .configure(|cfg| data.configure(cfg))
    })
    .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
    .listen(listener)?
    .run()
    .await?;
    if let Some(scheduler) = scheduler {
        scheduler.abort();
    }
    tracing::info!("moisson stopped");
    Ok(())
}

/// The sample records of `examples/records`, built into the binary so that `--demo`
/// works from any folder.
static BUILT_IN_DEMO: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../examples/records");

/// Imports the demo records when the database holds no record: those of `dir`, or the
/// built-in ones when no folder is configured.
pub async fn load_demo(store: &dyn Store, dir: Option<&Path>) -> anyhow::Result<()> {
    let existing = store.count(&Viewer::Admin).await?;
    if existing > 0 {
        tracing::info!(existing, "database not empty: demo records not loaded");
        return Ok(());
    }
    let Some(dir) = dir else {
        let unpacked = tempfile::tempdir().context("unpacking the built-in demo records")?;
        BUILT_IN_DEMO
            .extract(unpacked.path())
            .context("unpacking the built-in demo records")?;
        return import_demo(store, unpacked.path(), "built-in").await;
    };
    anyhow::ensure!(
        dir.is_dir(),
        "demo folder {} not found (server.demo_dir)",
        dir.display()
    );
    import_demo(store, dir, &dir.display().to_string()).await
}

async fn import_demo(store: &dyn Store, dir: &Path, origin: &str) -> anyhow::Result<()> {
    let report = import_paths(store, &[dir.to_path_buf()], ImportOptions::default()).await?;
    tracing::info!(
        origin,
        loaded = report.imported(),
        failed = report.failed_files(),
        "demo records loaded"
    );
    Ok(())
}
