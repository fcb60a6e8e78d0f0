//! The `import`, `export`, `migrate` and `db copy` commands: open the store, call the
//! library function, print the summary on stdout.

use std::process::ExitCode;

use anyhow::Context;
use moisson_model::Viewer;

use crate::cli::{CopyArgs, ExportArgs, ImportArgs};
use crate::config::{Config, DatabaseUrl};
use crate::import::{CatalogueDefaults, ImportOptions, import_paths};

pub async fn import(config: &Config, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    if let Some(org) = &args.org {
        ensure_organisation(store.as_ref(), org).await?;
    }
    let mef_groups = match &args.mef_groups {
        Some(path) => crate::import::GroupMap::load(path)?,
        None => crate::import::GroupMap::default(),
    };
    for org in mef_groups.orgs() {
        ensure_organisation(store.as_ref(), org).await?;
    }
    let opts = ImportOptions {
        batch_size: args.batch_size.max(1),
        progress: true,
        echo: true,
        catalogue: CatalogueDefaults {
            owner_org: args.org,
            visibility: args.visibility,
            status: args.status,
        },
        mef_groups,
        strict: args.strict,
        overviews: config
            .server
            .overviews_dir
            .clone()
            .map(|dir| crate::overviews::Target {
                dir,
                base_url: format!(
                    "{}/overviews",
                    config.public_url(None).trim_end_matches('/')
                ),
            }),
    };
    let report = import_paths(store.as_ref(), &args.paths, opts).await?;
    anyhow::ensure!(
        report.files > 0,
        "no record file found (*.xml, *.mef, *.zip) in {}",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    settle(store.as_ref()).await;
    println!("{} into {}", report.summary(), config.database.url);
    Ok(if report.failed_files() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Refuses `--org` naming no organisation of the database: the records would belong to
/// nobody anyone can manage.
async fn ensure_organisation(store: &dyn moisson_store::Store, org: &str) -> anyhow::Result<()> {
    let units = store.list_units().await?;
    let found = units
        .iter()
        .find(|u| u.id == org)
        .with_context(|| format!("no organisation {org:?} in this database (moisson orgs add)"))?;
    anyhow::ensure!(
        found.kind == moisson_model::account::UnitKind::Organisation,
        "{org:?} is a group, not an organisation: records are owned by organisations"
    );
    Ok(())
}

pub async fn export(config: &Config, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    if let Some(format) = args.format.dcat() {
        return export_dcat(config, args, store, format).await;
    }
    let viewer = export_viewer(args);
    let report = crate::export::export(store.as_ref(), &args.out, args.format, &viewer).await?;
    println!("{}", report.summary(&args.out));
    Ok(ExitCode::SUCCESS)
}

/// Whom every export is written for: an anonymous harvester (published, public records)
/// unless `--all` asks for every record.
fn export_viewer(args: &ExportArgs) -> Viewer {
    if args.all {
        Viewer::Admin
    } else {
        Viewer::Anonymous
    }
}

/// `moisson export --format dcat-*`: see [`crate::export::dcat`].
async fn export_dcat(
    config: &Config,
    args: &ExportArgs,
    store: std::sync::Arc<dyn moisson_store::Store>,
    format: moisson_dcat::Format,
) -> anyhow::Result<ExitCode> {
    if config.server.public_url.is_none() {
        eprintln!(
            "warning: server.public_url is not set: the exported IRIs use {}",
            config.public_url(None)
        );
    }
    let export = crate::export::dcat::DcatExport {
        format,
        viewer: export_viewer(args),
        public_url: &config.public_url(None),
        catalog: &crate::app::dcat_catalog(config),
    };
    let written = crate::export::dcat::export_catalog(store, &args.out, &export).await?;
    println!(
        "exported {written} records to {} as DCAT-AP {}",
        args.out.display(),
        format.name()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn migrate(config: &Config) -> anyhow::Result<ExitCode> {
    let url = &config.database.url;
    crate::database::prepare(url)?;
    let applied = moisson_store::migrate(url.expose())
        .await
        .with_context(|| format!("cannot migrate the database {url}"))?;
    let count = crate::database::open(url)
        .await?
        .count(&Viewer::Admin)
        .await?;
    if applied.is_empty() {
        println!("database {url} is up to date ({count} records)");
    } else {
        let versions: Vec<String> = applied.iter().map(ToString::to_string).collect();
        println!(
            "database {url}: applied migrations {} ({count} records)",
            versions.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `moisson backup --to FILE`: a consistent copy of the database, taken while it serves.
pub async fn backup(config: &Config, to: &std::path::Path) -> anyhow::Result<ExitCode> {
    let url = &config.database.url;
    let store = crate::database::open(url).await?;
    let records = store.count(&Viewer::Admin).await?;
    store
        .backup_to(to)
        .await
        .with_context(|| format!("cannot back {url} up to {}", to.display()))?;
    println!("backed up {url} ({records} records) to {}", to.display());
    Ok(ExitCode::SUCCESS)
}

/// Lets the database catch up after a bulk load (`Store::settle`). The records are in
/// already: a failure here only costs speed, so it is logged, not returned.
async fn settle(store: &dyn moisson_store::Store) {
    let started = std::time::Instant::now();
    match store.settle().await {
        Ok(()) => tracing::info!(ms = started.elapsed().as_millis(), "database settled"),
        Err(e) => tracing::warn!(error = %e, "the database could not be settled after the load"),
    }
}

/// `moisson db copy`: the accounts (users, organisations and groups, memberships, API
/// keys, refresh-token state, audit log) and every record of the configured (or
/// `--from`) database into `--to`, keeping hashes, originals, versions and timestamps;
/// records only with `--records-only`. Prints the rows of every table on both sides, and
/// fails unless the target holds at least as many as the source.
pub async fn copy(config: &Config, args: &CopyArgs) -> anyhow::Result<ExitCode> {
    let from_url = &config.database.url;
    let to_url = DatabaseUrl::new(args.to.clone());
    let from = crate::database::open(from_url).await?;
    let to = crate::database::open(&to_url).await?;
    let scope = if args.records_only {
        moisson_store::CopyScope::RecordsOnly
    } else {
        moisson_store::CopyScope::Everything
    };
    let existing = rows_in(to.as_ref(), scope).await?;
    if existing > 0 && !args.into_non_empty {
        anyhow::bail!(
            "the target database {to_url} already holds {existing} rows (records or accounts); \
             pass --into-non-empty to copy into it anyway"
        );
    }
    let bar = crate::progress::rows_bar();
    let summary = moisson_store::copy(
        from.as_ref(),
        to.as_ref(),
        args.batch_size,
        scope,
        |t, n| {
            bar.set_message(t);
            bar.set_position(n);
            tracing::debug!(table = t, copied = n, "copying");
        },
    )
    .await
    .with_context(|| format!("cannot copy {from_url} to {to_url}"))?;
    bar.finish_and_clear();
    settle(to.as_ref()).await;
    println!(
        "copied {} records from {from_url} to {to_url}; rows (source → target):",
        summary.written
    );
    for c in &summary.counts {
        println!("  {:<17} {:>9} → {}", c.table, c.source, c.target);
    }
    if scope == moisson_store::CopyScope::RecordsOnly {
        println!("records only: no account was copied, nobody can sign in on {to_url} yet");
    }
    Ok(ExitCode::SUCCESS)
}

/// Rows the target already holds in what a copy of `scope` writes.
async fn rows_in(
    store: &dyn moisson_store::Store,
    scope: moisson_store::CopyScope,
) -> anyhow::Result<u64> {
    let mut n = store.count(&Viewer::Admin).await?;
    if scope == moisson_store::CopyScope::Everything {
        let tables = moisson_store::Table::ALL.into_iter();
        for table in tables.chain(moisson_store::Table::AFTER_RECORDS) {
            n += store.count_rows(table).await?;
        }
    }
    Ok(n)
}
