//! The whole catalogue (no paging) read from the store page by page and written with
//! [`CatalogStream`]: used by `moisson export --format dcat-*` and by
//! `GET /dcat/catalog?page_size=all`.
//!
//! Pages are read by key (`Store::records_after`: the records after the last id read, in
//! id order, under the viewer's rights): each query costs its own rows only (no count of
//! the rest of the catalogue, no original document), and nothing grows with the
//! catalogue but the uuidrefs of services already looked up.
//!
//! Each record's fragment (in the format asked for) is kept by the store (`Store::represented_after`/`keep_representations`) and
//! appended as it is by the next export while neither the record (its version) nor the
//! fingerprint (mapping, format, public URL: `Context::fingerprint`) changed: a harvest
//! formats only the records edited since the last one. Fragments of services that name
//! the datasets they operate on are never kept (`depends_on_others`).

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{DateTime, Utc};
use moisson_model::{Record, RecordId, Viewer};
use moisson_store::{Representation, RepresentationKind, Represented, Store};

use crate::endpoint::served_with;
use crate::error::Result;
use crate::export::{CatalogConfig, CatalogStream, Context, Formatter, Fragment, MappedRecord};
use crate::export::{Served, depends_on_others};
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
            self.advance(records.len(), records.last().and_then(|r| r.id.clone()));
            records.retain(|r| self.wanted(r.catalogue.updated));
            if !records.is_empty() {
                return Ok(Some(records));
            }
        }
        Ok(None)
    }

    /// The next non-empty page of records with their kept fragments of `format` where
    /// current, and the context the others need; `None` at the end.
    pub async fn next_kept(
        &mut self,
        store: &dyn Store,
        ctx: &Context,
        viewer: &Viewer,
        format: Format,
    ) -> Result<Option<KeptPage>> {
        let fingerprint = ctx.fingerprint(format);
        let kind = representation_kind(format, &fingerprint);
        while !self.done {
            let mut entries = store
                .represented_after(self.last.as_ref(), self.page_size, viewer, kind)
                .await?;
            let last = entries.last().and_then(|e| match e {
                Represented::Kept { id, .. } => Some(id.clone()),
                Represented::Fresh { record, .. } => record.id.clone(),
            });
            self.advance(entries.len(), last);
            entries.retain(|e| {
                self.wanted(match e {
                    Represented::Kept { updated, .. } => *updated,
                    Represented::Fresh { record, .. } => record.catalogue.updated,
                })
            });
            if entries.is_empty() {
                continue;
            }
            let fresh: Vec<Record> = entries
                .iter()
                .filter_map(|e| match e {
                    Represented::Fresh { record, .. } if depends_on_others(record) => {
                        Some(record.as_ref().clone())
                    }
                    _ => None,
                })
                .collect();
            let ctx = ctx
                .clone()
                .with_served(served_with(store, &fresh, viewer, &mut self.served).await?);
            return Ok(Some(KeptPage {
                entries,
                ctx,
                format,
                fingerprint,
            }));
        }
        Ok(None)
    }

    /// Notes a page of `got` rows ending at `last`.
    fn advance(&mut self, got: usize, last: Option<RecordId>) {
        self.done = got < self.page_size as usize;
        match last {
            Some(last) => self.last = Some(last),
            None => self.done = true,
        }
    }

    /// Whether a record updated at `updated` is asked for (`modified_since`).
    fn wanted(&self, updated: Option<DateTime<Utc>>) -> bool {
        let Some(since) = &self.since else {
            return true;
        };
        updated.is_some_and(|u| {
            u.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                .as_str()
                >= since.as_str()
        })
    }
}

/// The store's name for the fragments of `format` (`dcat-turtle`…).
fn representation_kind(format: Format, fingerprint: &str) -> RepresentationKind<'_> {
    let kind = match format {
        Format::Turtle => "dcat-turtle",
        Format::NTriples => "dcat-ntriples",
        Format::JsonLd => "dcat-jsonld",
        Format::RdfXml => "dcat-rdfxml",
    };
    RepresentationKind { kind, fingerprint }
}

/// A page of a walk in a fragment format: kept fragments, and records to format.
pub struct KeptPage {
    entries: Vec<Represented>,
    ctx: Context,
    format: Format,
    fingerprint: String,
}

/// A [`KeptPage`] formatted: its fragments in order, each with the record version to
/// keep it as when it was formatted now (and may be kept).
pub struct FormattedPage {
    fragments: Vec<(Fragment, Option<(RecordId, i64)>)>,
    format: Format,
    fingerprint: String,
}

/// Fragments formatted during a walk, to give the store to keep (in batches: one
/// transaction per page of a few hundred records is needlessly many).
pub struct ToKeep {
    made: Vec<Representation>,
    format: Format,
    fingerprint: String,
}

impl KeptPage {
    /// Formats the records that had no current fragment (the CPU of the walk; any
    /// thread), numbering the page's records from `first`.
    pub fn format(self, formatter: &Formatter, first: u64) -> Result<FormattedPage> {
        let mut fragments = Vec::with_capacity(self.entries.len());
        for (number, entry) in (first..).zip(self.entries) {
            match entry {
                Represented::Kept { body, updated, .. } => {
                    fragments.push((Fragment::kept(number, body, updated), None));
                }
                Represented::Fresh { record, version } => {
                    let fragment =
                        MappedRecord::new(&record, &self.ctx, number).format(formatter)?;
                    let keep_as = record
                        .id
                        .clone()
                        .filter(|_| !depends_on_others(&record))
                        .map(|id| (id, version));
                    fragments.push((fragment, keep_as));
                }
            }
        }
        Ok(FormattedPage {
            fragments,
            format: self.format,
            fingerprint: self.fingerprint,
        })
    }

    /// How many records the page holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FormattedPage {
    /// Writes the fragments in order; returns those to keep (moved, not copied: a page's
    /// fragments are megabytes).
    pub fn write<W: Write>(self, stream: &mut CatalogStream<W>) -> Result<ToKeep> {
        let mut made = Vec::new();
        for (fragment, keep_as) in self.fragments {
            stream.write_fragment(&fragment)?;
            if let Some((id, version)) = keep_as {
                made.push(Representation {
                    id,
                    version,
                    body: fragment.into_bytes(),
                });
            }
        }
        Ok(ToKeep {
            made,
            format: self.format,
            fingerprint: self.fingerprint,
        })
    }
}

impl ToKeep {
    /// Fragments worth keeping in a batch (more than this many are kept at once).
    pub const BATCH: usize = 200;

    /// Adds another page's fragments (of the same walk) to this batch.
    pub fn append(&mut self, mut other: ToKeep) {
        self.made.append(&mut other.made);
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.made.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }

    /// Gives the fragments to the store. A failure only costs the next export the
    /// formatting again: it is logged, not returned.
    pub async fn keep(self, store: &dyn Store) {
        if self.made.is_empty() {
            return;
        }
        let kind = representation_kind(self.format, &self.fingerprint);
        if let Err(e) = store.keep_representations(kind, self.made).await {
            tracing::warn!(error = %e, "keeping DCAT fragments failed; they will be formatted again");
        }
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
    let formatter = Formatter::new(format)?;
    while let Some(page) = pages.next_kept(store, ctx, viewer, format).await? {
        let page = page.format(&formatter, stream.records() + 1)?;
        page.write(&mut stream)?.keep(store).await;
    }
    let n = stream.records();
    Ok((stream.finish(ctx)?, n))
}
