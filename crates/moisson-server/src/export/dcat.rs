//! `moisson export --format dcat-turtle|dcat-jsonld|dcat-rdfxml|dcat-ntriples --out FILE`:
//! the whole DCAT-AP catalogue in one file, read from the store page by page and written
//! record by record (`moisson_dcat::whole`), so memory does not grow with the catalogue.
//! Records unchanged since an earlier export in the same format are not formatted again: the store keeps each record's fragment (`Store::keep_representations`).
//!
//! By default the file holds what an anonymous harvester of `/dcat/catalog` sees (the
//! published public records): it is meant to be published as is. `--all` exports every
//! record, as the administrator sees them.

use std::io::{BufWriter, Write as _};
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use moisson_dcat::whole::{RecordPages, ToKeep};
use moisson_dcat::{CatalogConfig, CatalogStream, Context, Format, Formatter};
use moisson_model::Viewer;
use moisson_store::Store;

/// Bytes gathered before each write to the file: the serialisers write small pieces.
const WRITE_BUFFER: usize = 1 << 20;

/// What to export and where minted IRIs point.
pub struct DcatExport<'a> {
    pub format: Format,
    pub viewer: Viewer,
    pub public_url: &'a str,
    pub catalog: &'a CatalogConfig,
}

/// Pages in flight between two stages of the export (read → map → write): each stage
/// works on its own thread while the next one takes the page before, and memory holds at
/// most this many pages more per stage.
const PAGES_AHEAD: usize = 1;

/// Records per page: with a page being read, one being mapped and one being written,
/// small pages keep the peak RSS low (records and their triples are large). A first
/// export of 100 000 records peaked at 107–124 MB with pages of 200, 92–103 MB with 100
/// and 86–91 MB with 50, no slower (BENCHMARKS.md).
const PAGE_SIZE: u32 = 50;

/// Writes the catalogue to `out` (replaced); returns the number of records written.
///
/// Three stages in order, each on its own thread so that the two cores share the work:
/// the store reads pages in id order (a task; SQLite on its blocking threads), a thread
/// maps and formats the records, and this task writes them in order. The store gives
/// back the fragments kept from an earlier export for records unchanged since, which are
/// written as they are, and keeps those formatted now (`moisson_dcat::whole`). The file is the one `CatalogStream::write_record` would
/// write.
pub async fn export_catalog(
    store: Arc<dyn Store>,
    out: &Path,
    export: &DcatExport<'_>,
) -> anyhow::Result<u64> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let ctx =
        Context::new(export.public_url).with_landing_page(export.catalog.landing_page.clone());
    let mut stream = CatalogStream::start(
        BufWriter::with_capacity(WRITE_BUFFER, file),
        export.format,
        &ctx,
        export.catalog,
    )?;
    write_fragments(store, &ctx, export, &mut stream).await?;
    let written = stream.records();
    stream
        .finish(&ctx)?
        .flush()
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(written)
}

type FileStream = CatalogStream<BufWriter<std::fs::File>>;

/// Kept fragments read, the others formatted on the formatting thread, all written here
/// in order, the new ones kept.
async fn write_fragments(
    store: Arc<dyn Store>,
    ctx: &Context,
    export: &DcatExport<'_>,
    stream: &mut FileStream,
) -> anyhow::Result<()> {
    let formatter = Formatter::new(export.format)?;
    let (page_tx, mut page_rx) = tokio::sync::mpsc::channel(PAGES_AHEAD);
    let reader = {
        let (store, ctx, viewer, format) = (
            store.clone(),
            ctx.clone(),
            export.viewer.clone(),
            export.format,
        );
        tokio::spawn(async move {
            let mut pages = RecordPages::new(None).with_page_size(PAGE_SIZE);
            loop {
                let page = pages.next_kept(store.as_ref(), &ctx, &viewer, format).await;
                let last = !matches!(page, Ok(Some(_)));
                if page_tx.send(page).await.is_err() || last {
                    return;
                }
            }
        })
    };
    let (formatted_tx, mut formatted_rx) = tokio::sync::mpsc::channel(PAGES_AHEAD);
    let formatting = std::thread::Builder::new()
        .name("dcat-format".to_owned())
        .spawn(move || {
            let mut next = 1;
            while let Some(page) = page_rx.blocking_recv() {
                let formatted = page.and_then(|page| {
                    page.map(|page| {
                        let first = next;
                        next += page.len() as u64;
                        page.format(&formatter, first)
                    })
                    .transpose()
                });
                let last = !matches!(&formatted, Ok(Some(_)));
                if formatted_tx.blocking_send(formatted).is_err() || last {
                    return;
                }
            }
        })
        .context("cannot start the formatting thread")?;
    // The fragments to keep go to their own task in batches, so that the file is not
    // written at the store's pace.
    let (keep_tx, mut keep_rx) = tokio::sync::mpsc::channel::<ToKeep>(PAGES_AHEAD);
    let keeper = tokio::spawn(async move {
        let mut batch: Option<ToKeep> = None;
        while let Some(page) = keep_rx.recv().await {
            match batch.as_mut() {
                Some(b) => b.append(page),
                None => batch = Some(page),
            }
            if let Some(full) = batch.take_if(|b| b.len() >= ToKeep::BATCH) {
                full.keep(store.as_ref()).await;
            }
        }
        if let Some(rest) = batch {
            rest.keep(store.as_ref()).await;
        }
    });
    while let Some(page) = formatted_rx.recv().await {
        let Some(page) = page? else { break };
        let to_keep = page.write(stream)?;
        if !to_keep.is_empty() && keep_tx.send(to_keep).await.is_err() {
            break;
        }
    }
    drop(keep_tx);
    keeper.await.context("the fragment keeper stopped")?;
    reader.await.context("the store reader stopped")?;
    formatting
        .join()
        .map_err(|_| anyhow::anyhow!("the formatting thread stopped"))?;
    Ok(())
}
