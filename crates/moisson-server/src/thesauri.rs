//! Thesauri: the shipped ones loaded into a catalogue that has none (`moisson serve`),
//! and `moisson thesaurus import | list`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use moisson_model::Viewer;
use moisson_store::{PutOutcome, Store};
use moisson_thesaurus::{Syntax, Thesaurus, read, shipped};

use crate::cli::thesaurus::ThesaurusCommand;
use crate::config::Config;

/// Loads the thesauri built into the binary when the database holds none; a catalogue
/// whose administrator removed or replaced them keeps what it has.
pub async fn load_shipped(store: &dyn Store) -> anyhow::Result<()> {
    if !store.thesauri().await?.is_empty() {
        return Ok(());
    }
    let started = Instant::now();
    for s in &shipped::ALL {
        let t = s
            .read()
            .with_context(|| format!("built-in thesaurus {}", s.id))?;
        let concepts = t.concepts.len();
        store.put_thesaurus(t, &Viewer::Admin).await?;
        tracing::info!(id = s.id, concepts, "built-in thesaurus loaded");
    }
    tracing::info!(
        thesauri = shipped::ALL.len(),
        ms = started.elapsed().as_millis(),
        "built-in thesauri loaded"
    );
    Ok(())
}

/// The thesaurus a SKOS file holds, with its id (default: the file stem).
pub fn read_file(
    path: &Path,
    id: Option<&str>,
    scheme: Option<&str>,
    aliases: Vec<String>,
) -> anyhow::Result<Thesaurus> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let syntax = Syntax::of_path(&path.to_string_lossy())?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut t = read(&bytes, syntax, id.unwrap_or(&stem), scheme)
        .with_context(|| format!("{}", path.display()))?;
    t.aliases = aliases;
    Ok(t)
}

pub async fn thesaurus(config: &Config, command: ThesaurusCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        ThesaurusCommand::Import {
            file,
            id,
            scheme,
            aliases,
            ..
        } => {
            let t = read_file(&file, id.as_deref(), scheme.as_deref(), aliases)?;
            let (id, concepts) = (t.id.clone(), t.concepts.len());
            let outcome = store.put_thesaurus(t, &Viewer::Admin).await?;
            let verb = match outcome {
                PutOutcome::Created => "imported",
                PutOutcome::Updated => "replaced",
            };
            println!("thesaurus {id} {verb}: {concepts} concepts");
        }
        ThesaurusCommand::List { .. } => {
            for t in store.thesauri().await? {
                let title = t
                    .titles
                    .iter()
                    .find(|l| l.lang == "fr" || l.lang == "en" || l.lang.is_empty())
                    .or_else(|| t.titles.first())
                    .map_or("", |l| l.text.as_str());
                println!("{}\t{}\t{}", t.id, t.concepts, title);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
