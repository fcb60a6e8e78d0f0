//! Copying a catalogue between databases (`moisson db copy`): the accounts and their
//! tables (`transfer::Table`: users, units, memberships, API keys, audit log,
//! refresh-token state, harvest sources and jobs) row for row, then every record with its
//! original document, version and timestamps, then the provenance of harvested records, in batches through the `Store` trait. Everything is read in
//! keyset pages of `batch`, so no table is ever held whole; at the end the rows of every
//! carried table are counted on both sides.

use moisson_model::{RecordId, Viewer};

use crate::transfer::{Table, key_of};
use crate::{Error, Result, Store};

/// What to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Records and every account table.
    Everything,
    /// Records only (`--records-only`): nobody can sign in on the copy.
    RecordsOnly,
}

/// The rows of one table (or `records`) on each side after a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: &'static str,
    pub source: u64,
    pub target: u64,
}

/// What a copy did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopySummary {
    /// Records read from the source.
    pub read: u64,
    /// Records written to the target (new there, or replacing a record of the same id).
    pub written: u64,
    /// Rows on each side of every table copied, records last.
    pub counts: Vec<TableCount>,
}

/// Copies `from` into `to`, `batch` rows per transaction (each batch all or nothing);
/// rows and records already in `to` with the same key are replaced, audit lines appended.
/// `progress` is called after each batch with the table's name and the rows copied so
/// far. Fails when the target then holds fewer rows of a table than the source.
pub async fn copy(
    from: &dyn Store,
    to: &dyn Store,
    batch: usize,
    scope: Scope,
    mut progress: impl FnMut(&'static str, u64) + Send,
) -> Result<CopySummary> {
    let batch = u32::try_from(batch.max(1)).unwrap_or(u32::MAX);
    let mut summary = CopySummary::default();
    if scope == Scope::RecordsOnly {
        refuse_harvest_sources(from).await?;
    } else {
        for table in Table::ALL {
            copy_table(from, to, table, batch, &mut progress).await?;
        }
    }
    copy_records(from, to, batch, &mut summary, &mut progress).await?;
    if scope == Scope::Everything {
        for table in Table::AFTER_RECORDS {
            copy_table(from, to, table, batch, &mut progress).await?;
        }
    }
    if summary.read != summary.written {
        return Err(Error::Corrupt(format!(
            "copied {} of {} records",
            summary.written, summary.read
        )));
    }
    summary.counts = counts(from, to, scope).await?;
    if let Some(short) = summary.counts.iter().find(|c| c.target < c.source) {
        return Err(Error::Corrupt(format!(
            "{} holds {} rows in the target after the copy, {} in the source",
            short.table, short.target, short.source
        )));
    }
    Ok(summary)
}

/// A records-only copy cannot carry harvest sources (they belong to organisations, which
/// it leaves out): without them, the harvested records would become local records and
/// the next run of a re-created source would find every one of them in conflict.
/// Refused rather than copied half.
async fn refuse_harvest_sources(from: &dyn Store) -> Result<()> {
    let sources = from.sources(&Viewer::Admin).await?;
    if sources.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    Err(Error::Config(format!(
        "the source database has {} harvest source(s) ({}), which a records-only copy \
         cannot carry (they belong to organisations): copy everything (without \
         --records-only), or delete them (DELETE /api/v1/harvest/sources/{{id}}) first",
        sources.len(),
        names.join(", ")
    )))
}

async fn copy_table(
    from: &dyn Store,
    to: &dyn Store,
    table: Table,
    batch: u32,
    progress: &mut (impl FnMut(&'static str, u64) + Send),
) -> Result<()> {
    let mut after = None;
    let mut copied = 0;
    loop {
        let rows = from.rows_after(table, after.take(), batch).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = Some(key_of(table, last));
        let full = rows.len() == batch as usize;
        copied += to.load_rows(table, rows).await?;
        progress(table.name(), copied);
        if !full {
            return Ok(());
        }
    }
}

async fn copy_records(
    from: &dyn Store,
    to: &dyn Store,
    batch: u32,
    summary: &mut CopySummary,
    progress: &mut (impl FnMut(&'static str, u64) + Send),
) -> Result<()> {
    let admin = Viewer::Admin;
    let mut after: Option<RecordId> = None;
    loop {
        // The page names the records; each is then read whole (original document and
        // version included), which `records_after` leaves out.
        let page = from.records_after(after.as_ref(), batch, &admin).await?;
        let ids: Vec<RecordId> = page.into_iter().filter_map(|r| r.id).collect();
        let Some(last) = ids.last().cloned() else {
            return Ok(());
        };
        let full = ids.len() == batch as usize;
        let mut records = Vec::with_capacity(ids.len());
        for id in &ids {
            // Deleted while copying: nothing to copy.
            if let Some(r) = from.get(id, &admin).await? {
                records.push(r);
            }
        }
        summary.read += records.len() as u64;
        let s = to.restore_many(records, &admin).await?;
        summary.written += s.created + s.updated;
        progress("records", summary.written);
        after = Some(last);
        if !full {
            return Ok(());
        }
    }
}

/// Rows of every copied table on both sides, records last.
async fn counts(from: &dyn Store, to: &dyn Store, scope: Scope) -> Result<Vec<TableCount>> {
    let mut out = Vec::new();
    if scope == Scope::Everything {
        for table in Table::ALL.into_iter().chain(Table::AFTER_RECORDS) {
            out.push(TableCount {
                table: table.name(),
                source: from.count_rows(table).await?,
                target: to.count_rows(table).await?,
            });
        }
    }
    let admin = Viewer::Admin;
    out.push(TableCount {
        table: "records",
        source: from.count(&admin).await?,
        target: to.count(&admin).await?,
    });
    Ok(out)
}
