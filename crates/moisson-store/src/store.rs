//! The `Store` trait: model records and the query AST in, model records out.

use async_trait::async_trait;
use moisson_model::{Facet, OriginalDocument, Record, RecordId, SearchQuery, Viewer};

use crate::accounts::AccountStore;
use crate::job::JobGuard;
use crate::representations::{Representation, RepresentationKind, Represented};
use crate::{Error, Result};

/// A record to write, with the document it was read from (if any). A write without
/// `original` (a JSON edit, a CSW-T property update) of a record that keeps an ISO 19139
/// document stores that document with the edit merged in (`merged.rs`): only the changed
/// fields' elements are rewritten. When the edit cannot be merged, or the kept document
/// is Dublin Core, the document is dropped and export regenerates XML from the record.
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
    /// Records deleted by `Store::write_and_delete` (absent or hidden ids are not).
    pub deleted: u64,
}

impl BulkSummary {
    /// The outcome of a one-record write.
    pub(crate) fn single_outcome(self) -> PutOutcome {
        if self.created > 0 {
            PutOutcome::Created
        } else {
            PutOutcome::Updated
        }
    }
}

/// Refuses a write from a caller that may not write; both backends call it first.
pub(crate) fn check_writer(actor: &Viewer) -> Result<()> {
    if actor.can_write() {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "this caller may not write records".to_owned(),
        ))
    }
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
/// and values are always filtered by `moisson_model::rights::can_see` (compiled to SQL);
/// every write takes the actor, is checked with `rights::check_write`/`check_delete`
/// against the stored record inside the write transaction, and appends an audit line in
/// that same transaction. A record the caller may not see is absent: `get` answers
/// `None`, `delete` answers `false`.
#[async_trait]
pub trait Store:
    AccountStore + crate::HarvestStore + crate::ThesaurusStore + crate::TableTransfer + Send + Sync
{
    /// Inserts or replaces a record (by id). Refuses invalid records (bad extents)
    /// with `Error::Invalid`. Durable when it returns.
    async fn put(&self, record: NewRecord, actor: &Viewer) -> Result<PutOutcome>;

    /// `put` with optimistic concurrency (REST `If-Match`): `expected_version` `None`
    /// is `put` (last writer wins); `Some(0)` writes only if the record does not exist
    /// yet (`If-None-Match: *`); `Some(v)` writes only if the stored version is `v`.
    /// Otherwise nothing is written and the answer is `Error::VersionMismatch`. Two nodes
    /// writing the same record never lose an update silently: one of them gets the
    /// conflict. Backends that cannot check answer `Error::UnsupportedQuery`.
    async fn put_versioned(
        &self,
        record: NewRecord,
        expected_version: Option<i64>,
        actor: &Viewer,
    ) -> Result<PutOutcome> {
        match expected_version {
            None => self.put(record, actor).await,
            Some(_) => Err(Error::UnsupportedQuery(
                "this store cannot make conditional writes".to_owned(),
            )),
        }
    }

    /// Inserts or replaces many records in one transaction: all or none.
    async fn put_many(&self, records: Vec<NewRecord>, actor: &Viewer) -> Result<BulkSummary>;

    /// Inserts or replaces `records`, then deletes `deletes`, in one transaction: all or
    /// none (CSW Transaction). Each delete is checked like `delete`; an id absent or
    /// hidden from the actor is skipped, not counted in `BulkSummary::deleted`.
    async fn write_and_delete(
        &self,
        records: Vec<NewRecord>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary>;

    /// `write_and_delete` where each record may name the version it must be at (see
    /// `put_versioned`): CSW-T `Update` passes the version it resolved the record at, so
    /// an edit made since (REST, another node) fails the whole transaction with
    /// `Error::VersionMismatch` instead of being overwritten.
    async fn write_and_delete_versioned(
        &self,
        records: Vec<(NewRecord, Option<i64>)>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        if records.iter().any(|(_, v)| v.is_some()) {
            return Err(Error::UnsupportedQuery(
                "this store cannot make conditional writes".to_owned(),
            ));
        }
        let records = records.into_iter().map(|(r, _)| r).collect();
        self.write_and_delete(records, deletes, actor).await
    }

    async fn get(&self, id: &RecordId, viewer: &Viewer) -> Result<Option<StoredRecord>>;

    /// Returns whether a record was deleted.
    async fn delete(&self, id: &RecordId, actor: &Viewer) -> Result<bool>;

    /// `delete` with optimistic concurrency (REST `If-Match` on `DELETE`): with
    /// `Some(v)` the record is deleted only if its stored version is `v`, checked under
    /// the same row lock as the delete, else `Error::VersionMismatch` and nothing is
    /// deleted. An absent or hidden record is `false`, as for `delete`.
    async fn delete_versioned(
        &self,
        id: &RecordId,
        expected_version: Option<i64>,
        actor: &Viewer,
    ) -> Result<bool> {
        match expected_version {
            None => self.delete(id, actor).await,
            Some(_) => Err(Error::UnsupportedQuery(
                "this store cannot make conditional deletes".to_owned(),
            )),
        }
    }

    async fn search(&self, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage>;

    /// Number of records the viewer sees.
    async fn count(&self, viewer: &Viewer) -> Result<u64>;

    /// Identifiers of every record the viewer sees, in id order (for export).
    async fn ids(&self, viewer: &Viewer) -> Result<Vec<RecordId>>;

    /// Up to `limit` records the viewer sees whose id sorts after `after` (from the first
    /// when `None`), in id order (byte order on both backends): keyset paging for walks
    /// over the whole catalogue (the DCAT export). The models only, with `id` and the
    /// catalogue timestamps set: no original document (not even read) and no count, so a
    /// page costs its own rows. Under the same rights clause as every other read.
    ///
    /// The default lists the ids and reads each record (`ids` then `get`): correct for
    /// any store, but every page lists every id; both backends answer with one query.
    async fn records_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
    ) -> Result<Vec<Record>> {
        let ids = self.ids(viewer).await?;
        let start = after.map_or(0, |a| ids.partition_point(|id| id.as_str() <= a.as_str()));
        let mut out = Vec::new();
        for id in ids.iter().skip(start) {
            if out.len() >= limit as usize {
                break;
            }
            if let Some(stored) = self.get(id, viewer).await? {
                out.push(stored.record);
            }
        }
        Ok(out)
    }

    /// `records_after`, each record with its kept document of `kind` when that was made
    /// from the record's current version with the same fingerprint (`Represented::Kept`,
    /// the record itself not read), else the record and its version. Same rights clause.
    ///
    /// The default keeps nothing: every record comes back `Fresh`.
    async fn represented_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
        kind: RepresentationKind<'_>,
    ) -> Result<Vec<Represented>> {
        let _ = kind;
        let records = self.records_after(after, limit, viewer).await?;
        Ok(records
            .into_iter()
            .map(|record| Represented::Fresh {
                record: Box::new(record),
                version: 0,
            })
            .collect())
    }

    /// Keeps documents made from records (see `represented_after`). A document whose
    /// record has been written or deleted since it was read is dropped, not kept: a
    /// stale document is never stored. The default keeps nothing.
    async fn keep_representations(
        &self,
        kind: RepresentationKind<'_>,
        made: Vec<Representation>,
    ) -> Result<()> {
        let _ = (kind, made);
        Ok(())
    }

    /// Writes records exactly as another store holds them (`moisson db copy`, restore):
    /// `version`, `catalogue.created` and `catalogue.updated` are kept instead of
    /// being set, and the original document too. One transaction: all or none.
    async fn restore_many(
        &self,
        records: Vec<StoredRecord>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        let _ = (records, actor);
        Err(Error::UnsupportedQuery(
            "this store cannot restore records".to_owned(),
        ))
    }

    /// Whether the store answers (for `/ready`).
    async fn ping(&self) -> Result<()>;

    /// Takes the lock of a job that must run on one node at a time (a harvest, a
    /// reindex), without waiting: `None` when someone else holds it. The lock is held
    /// until the guard is dropped. PostgreSQL: a session advisory lock, so it holds
    /// across every node on the database; the default (SQLite) is a lock within this
    /// process.
    async fn try_job_lock(&self, name: &str) -> Result<Option<JobGuard>> {
        Ok(JobGuard::try_local(name))
    }

    /// Brings the database's own bookkeeping up to date after a bulk load (`moisson
    /// import`, `db copy`), so that the next searches run at full speed without waiting
    /// for background maintenance. PostgreSQL: `VACUUM (ANALYZE)` of the record tables,
    /// on one node at a time. The default (SQLite, which keeps no visibility map and
    /// plans better without statistics here) does nothing.
    async fn settle(&self) -> Result<()> {
        Ok(())
    }

    /// Writes a consistent copy of the whole database to the file `to` (which must not
    /// exist) while the store keeps serving reads and writes. SQLite only: PostgreSQL is
    /// backed up by its own tools (`pg_dump`, base backups and WAL archiving).
    async fn backup_to(&self, to: &std::path::Path) -> Result<()> {
        let _ = to;
        Err(Error::Config(
            "moisson backup writes SQLite databases; back PostgreSQL up with pg_dump or \
             continuous archiving (docs/deploy.md)"
                .to_owned(),
        ))
    }
}

/// The `expected_version` rule of `Store::put_versioned`, shared by the backends:
/// `stored` is the version found (under the write lock), `None` when absent.
#[cfg(any(feature = "sqlite", feature = "pg"))]
pub(crate) fn check_expected(
    id: impl std::fmt::Display,
    expected: Option<i64>,
    stored: Option<i64>,
) -> Result<()> {
    match (expected, stored) {
        (None, _) | (Some(0), None) => Ok(()),
        (Some(v), Some(s)) if v == s => Ok(()),
        (Some(0), Some(s)) => Err(Error::VersionMismatch(format!(
            "record {id} already exists (version {s})"
        ))),
        (Some(v), None) => Err(Error::VersionMismatch(format!(
            "record {id} does not exist (expected version {v})"
        ))),
        (Some(v), Some(s)) => Err(Error::VersionMismatch(format!(
            "record {id} is at version {s}, not {v}"
        ))),
    }
}

/// The version and timestamps a restored record keeps (see `Store::restore_many`).
#[cfg(any(feature = "sqlite", feature = "pg"))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kept {
    pub version: i64,
    pub created: chrono::DateTime<chrono::Utc>,
    pub updated: chrono::DateTime<chrono::Utc>,
}

/// Splits stored records into writes and the stamps they keep; a record without its
/// timestamps is refused.
#[cfg(any(feature = "sqlite", feature = "pg"))]
pub(crate) fn split_restored(records: Vec<StoredRecord>) -> Result<(Vec<NewRecord>, Vec<Kept>)> {
    use chrono::SubsecRound;
    records
        .into_iter()
        .map(|s| {
            let c = &s.record.catalogue;
            let (Some(created), Some(updated)) = (c.created, c.updated) else {
                return Err(Error::Invalid(format!(
                    "record {} has no catalogue timestamps to keep",
                    s.record.id.as_ref().map_or("?", RecordId::as_str)
                )));
            };
            let kept = Kept {
                version: s.version,
                created: created.trunc_subsecs(6),
                updated: updated.trunc_subsecs(6),
            };
            Ok((
                NewRecord {
                    record: s.record,
                    original: s.original,
                },
                kept,
            ))
        })
        .collect::<Result<Vec<_>>>()
        .map(|v| v.into_iter().unzip())
}
