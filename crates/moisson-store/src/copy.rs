//! Copying a catalogue between databases (`moisson db copy`): every record with its
//! original document, version and timestamps, in batches, through the `Store` trait.

use moisson_model::Viewer;

use crate::{Error, Result, Store};

/// What a copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CopySummary {
    /// Records read from the source.
    pub read: u64,
    /// Records written to the target (new there, or replacing a record of the same id).
    pub written: u64,
}

/// Copies every record of `from` into `to`, `batch` records per transaction (each
/// batch all or nothing); records already in `to` with the same id are replaced.
/// `progress` is called after each batch with the records copied so far.
pub async fn copy(
    from: &dyn Store,
    to: &dyn Store,
    batch: usize,
    mut progress: impl FnMut(u64) + Send,
) -> Result<CopySummary> {
    let admin = Viewer::Admin;
    let ids = from.ids(&admin).await?;
    let mut summary = CopySummary::default();
    for chunk in ids.chunks(batch.max(1)) {
        let mut records = Vec::with_capacity(chunk.len());
        for id in chunk {
            let Some(r) = from.get(id, &admin).await? else {
                // Deleted while copying: nothing to copy.
                continue;
            };
            records.push(r);
        }
        summary.read += records.len() as u64;
        let s = to.restore_many(records, &admin).await?;
        summary.written += s.created + s.updated;
        progress(summary.written);
    }
    if summary.read != summary.written {
        return Err(Error::Corrupt(format!(
            "copied {} of {} records",
            summary.written, summary.read
        )));
    }
    Ok(summary)
}
