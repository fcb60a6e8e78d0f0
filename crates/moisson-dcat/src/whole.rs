//! The whole catalogue (no paging) read from the store page by page and written with
//! [`CatalogStream`]: used by `moisson export --format dcat-*` and by
//! `GET /dcat/catalog?page_size=all`.
//!
//! Pages are read by key (`Store::records_after`: the records after the last id read, in
//! id order, under the viewer's rights): each query costs its own rows only (no count of
//! the rest of the catalogue, no original document), and nothing grows with the
//! catalogue but the uuidrefs of services already looked up.

use std::collections::BTreeMap;
use std::io::Write;

use moisson_model::{Record, RecordId, Viewer};
use moisson_store::Store;

use crate::endpoint::served_with;
use crate::error::Result;
use crate::export::Served;
use crate::export::{CatalogConfig, CatalogStream, Context};
use crate::format::Format;

/// Records read per store query: large enough that the per-query cost is amortised,
/// small enough that a page's records stay a few megabytes.
pub const WHOLE_PAGE_SIZE: u32 = 500;

/// Reads the records a viewer sees, in id order, one page at a time.
pub struct RecordPages {
    /// `modified_since`, compared with the catalogue `updated` timestamp written as the
    /// store keeps it (RFC 3339, UTC, microseconds): a date is the start of that day.
    since: Option<String>,
    /// The id of the last record read; `None` before the first page.
    last: Option<RecordId>,
    /// The store answered a short page: there is nothing after `last`.
    done: bool,
    page_size: u32,
    /// The datasets services operate on, looked up once each (see `served_with`).
    served: BTreeMap<String, Option<Served>>,
}

impl RecordPages {
    /// Every record `viewer` sees, updated since `modified_since` when given.
    #[must_use]
    pub fn new(modified_since: Option<&str>) -> Self {
        let since = modified_since
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned);
        Self {
            since,
            last: None,
            done: false,
            page_size: WHOLE_PAGE_SIZE,
            served: BTreeMap::new(),
        }
    }

    /// Reads `n` records per query instead of [`WHOLE_PAGE_SIZE`].
    #[must_use]
    pub fn with_page_size(mut self, n: u32) -> Self {
        self.page_size = n.max(1);
        self
    }

    /// The next non-empty page, with the context its services need; `None` at the end.
    pub async fn next(
        &mut self,
        store: &dyn Store,
        ctx: &Context,
        viewer: &Viewer,
    ) -> Result<Option<(Vec<Record>, Context)>> {
        let Some(records) = self.next_records(store, viewer).await? else {
            return Ok(None);
        };
        let ctx = ctx
            .clone()
            .with_served(served_with(store, &records, viewer, &mut self.served).await?);
        Ok(Some((records, ctx)))
    }

    /// The next non-empty page of records (without the services' context); `None` at the
    /// end.
    async fn next_records(
        &mut self,
        store: &dyn Store,
        viewer: &Viewer,
    ) -> Result<Option<Vec<Record>>> {
        while !self.done {
            let mut records = store
                .records_after(self.last.as_ref(), self.page_size, viewer)
                .await?;
            self.done = records.len() < self.page_size as usize;
            match records.last().and_then(|r| r.id.clone()) {
                Some(last) => self.last = Some(last),
                None => self.done = true,
            }
            if let Some(since) = &self.since {
                records.retain(|r| {
                    r.catalogue.updated.is_some_and(|u| {
                        u.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                            .as_str()
                            >= since.as_str()
                    })
                });
            }
            if !records.is_empty() {
                return Ok(Some(records));
            }
        }
        Ok(None)
    }
}

/// Writes the whole catalogue `viewer` sees to `out`; returns the writer (not flushed)
/// and the number of records written.
pub async fn write_catalog<W: Write>(
    store: &dyn Store,
    viewer: &Viewer,
    (ctx, config): (&Context, &CatalogConfig),
    format: Format,
    out: W,
) -> Result<(W, u64)> {
    let mut stream = CatalogStream::start(out, format, ctx, config)?;
    let mut pages = RecordPages::new(None);
    while let Some((records, page_ctx)) = pages.next(store, ctx, viewer).await? {
        for record in &records {
            stream.write_record(record, &page_ctx)?;
        }
    }
    let n = stream.records();
    Ok((stream.finish(ctx)?, n))
}
