//! The `Store` trait: model records and the query AST in, model records out.

use async_trait::async_trait;
use moisson_model::{Facet, OriginalDocument, Record, RecordId, SearchQuery, Viewer};

use crate::Result;

/// A record to write, with the document it was read from (if any). A write without
/// `original` (a JSON edit) drops any kept document, so export regenerates XML.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    pub record: Record,
    pub original: Option<OriginalDocument>,
}

/// A record as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// `record.id` is always set; `catalogue.created/updated` are filled.
    pub record: Record,
    pub original: Option<OriginalDocument>,
    /// Incremented on every write; used for optimistic concurrency.
    pub version: i64,
}

impl StoredRecord {
    #[must_use]
    pub fn id(&self) -> &RecordId {
        self.record
            .id
            .as_ref()
            .expect("stored records always have an id")
    }
}

/// What a single write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Created,
    Updated,
}

/// What a bulk import did. All or nothing: on error nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkSummary {
    pub created: u64,
    pub updated: u64,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    pub records: Vec<StoredRecord>,
    /// Exact number of matching records visible to the viewer.
    pub total: u64,
    pub facets: Vec<Facet>,
}

/// The catalogue store. Every read takes the caller's `Viewer`, so that counts, facets
/// and values are always filtered by rights; every write takes the actor.
#[async_trait]
pub trait Store: Send + Sync {
    /// Inserts or replaces a record (by id). Refuses invalid records (bad extents)
    /// with `Error::Invalid`. Durable when it returns.
    async fn put(&self, record: NewRecord, actor: &Viewer) -> Result<PutOutcome>;

    /// Inserts or replaces many records in one transaction: all or none.
    async fn put_many(&self, records: Vec<NewRecord>, actor: &Viewer) -> Result<BulkSummary>;

    async fn get(&self, id: &RecordId, viewer: &Viewer) -> Result<Option<StoredRecord>>;

    /// Returns whether a record was deleted.
    async fn delete(&self, id: &RecordId, actor: &Viewer) -> Result<bool>;

    async fn search(&self, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage>;

    /// Number of records the viewer sees.
    async fn count(&self, viewer: &Viewer) -> Result<u64>;

    /// Identifiers of every record the viewer sees, in id order (for export).
    async fn ids(&self, viewer: &Viewer) -> Result<Vec<RecordId>>;

    /// Whether the store answers (for `/ready`).
    async fn ping(&self) -> Result<()>;
}
