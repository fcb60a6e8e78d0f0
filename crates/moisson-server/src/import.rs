//! Bulk import of ISO 19139 / 19115-3 / Dublin Core files and GeoNetwork MEF archives
//! (`mef/`) into the store.
//!
//! One blocking thread reads and parses files while the async side writes records in
//! batches of [`DEFAULT_BATCH_SIZE`] per transaction (`Store::put_many`). A file that
//! does not parse is reported as `PATH:LINE:COLUMN: message` and the rest still
//! imports; a batch the store refuses is retried record by record, so only the bad
//! records fail, each reported with its path. A record already stored keeps its stored
//! rights fields (owner, visibility, status, shares) unless an option sets them.

mod catalogue;
mod files;
mod mef;
mod structure;

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use futures_util::{StreamExt, stream};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use moisson_model::Viewer;
use moisson_store::{NewRecord, PutOutcome, Store};
use tokio::sync::mpsc;

pub use catalogue::{CatalogueDefaults, parse_status, parse_visibility};
use files::{Parsed, collect_files};
pub use mef::GroupMap;

/// Records per transaction.
pub const DEFAULT_BATCH_SIZE: usize = 500;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub batch_size: usize,
    /// Draw a progress bar on stderr (only when stderr is a terminal).
    pub progress: bool,
    /// Print failures and warnings on stderr as they happen (else log them).
    pub echo: bool,
    /// Catalogue fields set on every imported record (`--org`, `--visibility`, `--status`).
    pub catalogue: CatalogueDefaults,
    /// GeoNetwork group → organisation, for the owners of records read from MEF files.
    pub mef_groups: GroupMap,
    /// Where MEF thumbnails are kept and served from (`server.overviews_dir`).
    pub overviews: Option<crate::overviews::Target>,
    /// Refuse the records an ISO schema would refuse (`--strict`); else they are warnings.
    pub strict: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            batch_size: DEFAULT_BATCH_SIZE,
            progress: false,
            echo: false,
            catalogue: CatalogueDefaults::default(),
            mef_groups: GroupMap::default(),
            overviews: None,
            strict: false,
        }
    }
}

/// Something wrong with one file or record; shown as `PATH:LINE:COLUMN: message`
/// when the position is known, else `PATH: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line and column of a syntax error.
    pub position: Option<(u64, u64)>,
    pub message: String,
}

impl Problem {
    #[must_use]
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub files: u64,
    pub created: u64,
    pub updated: u64,
    pub failures: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// Records whose identifier an earlier file of the same run had already given (the
    /// later file wins); each is also a warning naming both files.
    pub repeated: u64,
    /// Records an ISO schema would refuse (each also a warning, or with `--strict` a
    /// failure).
    pub invalid: u64,
}

impl ImportReport {
    #[must_use]
    pub fn imported(&self) -> u64 {
        self.created + self.updated
    }

    /// Files with at least one failure (unreadable, unparsable, or a refused record).
    #[must_use]
    pub fn failed_files(&self) -> usize {
        self.failures
            .iter()
            .map(|p| &p.path)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// `imported N records: C created, U updated, F files failed`, and how many
    /// identifiers came more than once when some did.
    #[must_use]
    pub fn summary(&self) -> String {
        let mut summary = format!(
            "imported {} records: {} created, {} updated, {} files failed",
            self.imported(),
            self.created,
            self.updated,
            self.failed_files()
        );
        if self.repeated > 0 {
            summary.push_str(&format!(
                ", {} records repeated an identifier seen earlier in this run (the later file wins)",
                self.repeated
            ));
        }
        if self.invalid > 0 {
            summary.push_str(&format!(
                ", {} records break the ISO schema (see the warnings)",
                self.invalid
            ));
        }
        summary
    }
}

/// Imports every file named, and every `*.xml` under every folder named.
///
/// Three stages run at once: parsing (a blocking thread), batching (this task) and
/// writing (this task too, joined, [`BATCHES_IN_FLIGHT`] transactions at once), so
/// parsing overlaps with the store's transactions.
pub async fn import_paths(
    store: &dyn Store,
    paths: &[PathBuf],
    opts: ImportOptions,
) -> anyhow::Result<ImportReport> {
    let out = Reporter::new(&opts);
    let mut report = ImportReport::default();
    let (files, missing) = collect_files(paths);
    for problem in missing {
        out.fail(&mut report, problem);
    }
    out.bar.set_length(files.len() as u64);
    let (file_tx, file_rx) = mpsc::channel::<Parsed>(64);
    let (batch_tx, batch_rx) = mpsc::channel::<Batch>(1);
    let mef = mef::Context {
        groups: opts.mef_groups.clone(),
        overviews: opts.overviews.clone(),
    };
    let reader = tokio::task::spawn_blocking(move || files::parse_all(files, &mef, &file_tx));
    // Into an empty catalogue every record is new: no stored fields to look up.
    let lookup = store.count(&Viewer::Admin).await? > 0;
    let (batched, written) = tokio::join!(
        batch_records(file_rx, batch_tx, &out, &opts),
        write_batches(store, batch_rx, &out, &opts.catalogue, lookup),
    );
    reader.await?;
    out.bar.finish_and_clear();
    report.merge(batched);
    report.merge(written);
    Ok(report)
}

/// Records to write in one transaction, each with the file it came from.
type Batch = Vec<(PathBuf, NewRecord)>;

impl ImportReport {
    fn merge(&mut self, other: Self) {
        self.files += other.files;
        self.created += other.created;
        self.updated += other.updated;
        self.failures.extend(other.failures);
        self.warnings.extend(other.warnings);
        self.repeated += other.repeated;
        self.invalid += other.invalid;
    }
}

/// Groups parsed records into batches; reports files that failed to parse.
async fn batch_records(
    mut rx: mpsc::Receiver<Parsed>,
    tx: mpsc::Sender<Batch>,
    out: &Reporter,
    opts: &ImportOptions,
) -> ImportReport {
    let size = opts.batch_size.max(1);
    let mut report = ImportReport::default();
    let mut batch = Vec::with_capacity(size);
    // The file each identifier came from first; a record repeating one would silently
    // replace the earlier file's record.
    let mut first_seen: HashMap<String, PathBuf> = HashMap::new();
    while let Some(parsed) = rx.recv().await {
        report.files += 1;
        out.bar.inc(1);
        match parsed.result {
            Err(problem) => out.fail(&mut report, problem),
            Ok(records) => {
                for rec in records {
                    let accepted =
                        schema_checked(&rec, &parsed.path, opts.strict, out, &mut report);
                    for warning in rec.warnings {
                        out.warn(
                            &mut report,
                            Problem::new(&parsed.path, format!("warning: {warning}")),
                        );
                    }
                    if !accepted {
                        continue;
                    }
                    let new = NewRecord {
                        record: rec.record,
                        original: rec.original,
                    };
                    note_repeat(&mut first_seen, &parsed.path, &new, out, &mut report);
                    batch.push((parsed.path.clone(), new));
                }
            }
        }
        if batch.len() >= size && tx.send(std::mem::take(&mut batch)).await.is_err() {
            break;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch).await;
    }
    report
}

/// Reports the schema problems of a record (`structure.rs`); `false` when `--strict`
/// refuses it.
fn schema_checked(
    rec: &moisson_iso::ParsedRecord,
    path: &Path,
    strict: bool,
    out: &Reporter,
    report: &mut ImportReport,
) -> bool {
    let problems = structure::problems(rec);
    if problems.is_empty() {
        return true;
    }
    report.invalid += 1;
    let id = rec
        .record
        .id
        .as_ref()
        .map_or_else(|| "(no id)".to_owned(), ToString::to_string);
    let problems = problems.join("; ");
    if strict {
        let message = format!("record {id} refused (--strict), invalid: {problems}");
        out.fail(report, Problem::new(path, message));
        return false;
    }
    out.warn(
        report,
        Problem::new(path, format!("invalid: record {id}: {problems}")),
    );
    true
}

/// Counts and reports a record whose identifier an earlier record of the run had.
fn note_repeat(
    first_seen: &mut HashMap<String, PathBuf>,
    path: &Path,
    new: &NewRecord,
    out: &Reporter,
    report: &mut ImportReport,
) {
    let Some(id) = &new.record.id else {
        return;
    };
    match first_seen.entry(id.to_string()) {
        Entry::Vacant(slot) => {
            slot.insert(path.to_path_buf());
        }
        Entry::Occupied(first) => {
            report.repeated += 1;
            let message = format!(
                "warning: record {id} was already read from {}; this one replaces it",
                first.get().display()
            );
            out.warn(report, Problem::new(path, message));
        }
    }
}

/// Batches written at once. With PostgreSQL two transactions keep two backends busy (the
/// server's CPU is most of an import's cost); SQLite serialises them on its one writer,
/// where the second batch waits prepared.
const BATCHES_IN_FLIGHT: usize = 2;

/// Writes the batches, [`BATCHES_IN_FLIGHT`] at once, each in one transaction; reports
/// are merged in batch order.
async fn write_batches(
    store: &dyn Store,
    rx: mpsc::Receiver<Batch>,
    out: &Reporter,
    defaults: &CatalogueDefaults,
    lookup: bool,
) -> ImportReport {
    let batches = stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|b| (b, rx)) });
    let written = batches
        .map(|batch| write_batch(store, batch, out, defaults, lookup))
        .buffered(BATCHES_IN_FLIGHT);
    let mut written = std::pin::pin!(written);
    let mut report = ImportReport::default();
    while let Some(one) = written.next().await {
        report.merge(one);
    }
    report
}

/// Writes one batch in one transaction; a refused batch is retried record by record so
/// that only the bad records fail. `lookup`: the store may hold some of the records
/// already (see [`settle_catalogue`]).
async fn write_batch(
    store: &dyn Store,
    batch: Batch,
    out: &Reporter,
    defaults: &CatalogueDefaults,
    lookup: bool,
) -> ImportReport {
    let mut report = ImportReport::default();
    let batch = settle_catalogue(store, batch, defaults, lookup, out, &mut report).await;
    if batch.is_empty() {
        return report;
    }
    let records: Vec<NewRecord> = batch.iter().map(|(_, r)| r.clone()).collect();
    let started = std::time::Instant::now();
    let result = store.put_many(records, &Viewer::Admin).await;
    tracing::debug!(
        records = batch.len(),
        elapsed_ms = started.elapsed().as_millis(),
        "batch written"
    );
    match result {
        Ok(summary) => {
            report.created += summary.created;
            report.updated += summary.updated;
        }
        Err(e) => {
            tracing::debug!(error = %e, size = batch.len(), "batch refused; retrying record by record");
            for (path, record) in batch {
                put_one(store, path, record, out, &mut report).await;
            }
        }
    }
    report
}

/// The catalogue fields of each record: a record already stored keeps the stored ones
/// (a file carries none: re-importing it must not publish a draft or a restricted
/// record), then the command's options apply. A record whose stored version cannot be
/// read fails alone.
async fn settle_catalogue(
    store: &dyn Store,
    batch: Batch,
    defaults: &CatalogueDefaults,
    lookup: bool,
    out: &Reporter,
    report: &mut ImportReport,
) -> Batch {
    let mut settled = Vec::with_capacity(batch.len());
    for (path, mut new) in batch {
        let stored = if lookup {
            let kept = moisson_http::catalogue::keep_stored_catalogue(
                store,
                &mut new.record,
                &Viewer::Admin,
            )
            .await;
            match kept {
                Ok(stored) => stored,
                Err(e) => {
                    let id = record_id(&new);
                    out.fail(report, Problem::new(path, format!("record {id}: {e}")));
                    continue;
                }
            }
        } else {
            false
        };
        defaults.apply(&mut new.record.catalogue, stored);
        settled.push((path, new));
    }
    settled
}

fn record_id(record: &NewRecord) -> String {
    record
        .record
        .id
        .as_ref()
        .map_or_else(|| "(no id)".to_owned(), ToString::to_string)
}

async fn put_one(
    store: &dyn Store,
    path: PathBuf,
    record: NewRecord,
    out: &Reporter,
    report: &mut ImportReport,
) {
    let id = record_id(&record);
    match store.put(record, &Viewer::Admin).await {
        Ok(PutOutcome::Created) => report.created += 1,
        Ok(PutOutcome::Updated) => report.updated += 1,
        Err(e) => out.fail(
            report,
            Problem::new(path, format!("record {id} refused: {e}")),
        ),
    }
}

/// Where problems go: stderr above the progress bar (CLI), or the log (`serve --demo`).
struct Reporter {
    bar: ProgressBar,
    echo: bool,
}

impl Reporter {
    fn new(opts: &ImportOptions) -> Self {
        Self {
            bar: progress_bar(opts.progress),
            echo: opts.echo,
        }
    }

    fn fail(&self, report: &mut ImportReport, problem: Problem) {
        if self.echo {
            self.bar.suspend(|| eprintln!("{problem}"));
        } else {
            tracing::warn!("import failed: {problem}");
        }
        report.failures.push(problem);
    }

    fn warn(&self, report: &mut ImportReport, problem: Problem) {
        if self.echo {
            self.bar.suspend(|| eprintln!("{problem}"));
        } else {
            tracing::info!("import: {problem}");
        }
        report.warnings.push(problem);
    }
}

fn progress_bar(wanted: bool) -> ProgressBar {
    use std::io::IsTerminal;
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
