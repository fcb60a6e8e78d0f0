//! The `import`, `export` and `migrate` commands: open the store, call the library
//! function, print the summary on stdout.

use std::process::ExitCode;

use anyhow::Context;
use moisson_model::Viewer;

use crate::cli::{ExportArgs, ImportArgs};
use crate::config::Config;
use crate::import::{ImportOptions, import_paths};

pub async fn import(config: &Config, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    let opts = ImportOptions {
        batch_size: args.batch_size.max(1),
        progress: true,
        echo: true,
    };
    let report = import_paths(store.as_ref(), &args.paths, opts).await?;
    println!("{}", report.summary());
    Ok(if report.failed_files() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub async fn export(config: &Config, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    let report = crate::export::export(store.as_ref(), &args.out, args.format).await?;
    println!("{}", report.summary(&args.out));
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
