//! The embedded SQLite backend: rusqlite (bundled) with WAL, FTS5 and R*Tree.
//!
//! Layout: `pool` (connections and the async bridge), `migrate` (embedded migrations),
//! `index` (what a record contributes to the indexes), `write` (with `children`, the
//! rights checks of `guard` and the `audit` log), `read`, `facets`, the query compiler
//! `compile` (with the rights clause of `visibility`) and its allow-list `target` and `extent`
//! predicates, and the accounts (`accounts` over `users` and `keys`).

mod accounts;
mod audit;
mod backup;
mod children;
mod codec;
mod compile;
mod extent;
mod facets;
mod guard;
mod harvest;
mod keys;
mod migrate;
mod pool;
mod read;
mod refill;
mod represent;
mod target;
mod text;
mod thesauri;
mod transfer;
mod users;
mod visibility;

use crate::index;
mod write;

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use moisson_model::{Record, RecordId, SearchQuery, Viewer};

use self::pool::Pool;
use self::write::Author;
use crate::summaries::Summaries;
use crate::{
    BulkSummary, Error, NewRecord, PutOutcome, Representation, RepresentationKind, Represented,
    Result, SearchPage, Store, StoredRecord,
};

/// A catalogue in one SQLite file. Cheap to share behind an `Arc`; writes are
/// serialised on one connection, reads use a small pool.
pub struct SqliteStore {
    pool: Arc<Pool>,
    /// Totals and facet counts of recent searches, for the current generation.
    summaries: Arc<Summaries>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating the file and its folders if needed) and migrates the database.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        let pool = tokio::task::spawn_blocking(move || Pool::open(&path))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        let pool = Arc::new(pool);
        pool.write(migrate::apply).await?;
        Ok(Self {
            pool,
            summaries: Arc::default(),
        })
    }

    /// Applies pending migrations; returns the versions applied, empty when the schema
    /// was already current. `open` calls it; `moisson migrate` may call it explicitly.
    pub async fn migrate(&self) -> Result<Vec<u32>> {
        self.pool.write(migrate::apply).await
    }

    /// Opens the database file and applies its pending migrations, without keeping a
    /// store; returns the versions applied.
    pub async fn migrate_path(path: impl AsRef<Path>) -> Result<Vec<u32>> {
        let path = path.as_ref().to_owned();
        tokio::task::spawn_blocking(move || {
            let pool = Pool::open(&path)?;
            pool.write_now(migrate::apply)
        })
        .await
        .map_err(|e| Error::Task(e.to_string()))?
    }

    /// The schema version this build creates.
    #[must_use]
    pub fn schema_version() -> u32 {
        migrate::LATEST
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn put(&self, record: NewRecord, actor: &Viewer) -> Result<PutOutcome> {
        self.put_versioned(record, None, actor).await
    }

    async fn put_versioned(
        &self,
        record: NewRecord,
        expected_version: Option<i64>,
        actor: &Viewer,
    ) -> Result<PutOutcome> {
        crate::store::check_writer(actor)?;
        let prepared = write::expect_version(write::prepare(vec![record])?, expected_version);
        let author = Author::Actor(actor.clone());
        let summary = self
            .pool
            .write(move |c| write::write_all(c, prepared, &author))
            .await?;
        Ok(summary.single_outcome())
    }

    async fn put_many(&self, records: Vec<NewRecord>, actor: &Viewer) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let author = Author::Actor(actor.clone());
        self.pool
            .write(move |c| write::prepare_and_write(c, records, &[], &author))
            .await
    }

    async fn write_and_delete(
        &self,
        records: Vec<NewRecord>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let author = Author::Actor(actor.clone());
        self.pool
            .write(move |c| write::prepare_and_write(c, records, &deletes, &author))
            .await
    }

    async fn write_and_delete_versioned(
        &self,
        records: Vec<(NewRecord, Option<i64>)>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let (records, expected): (Vec<_>, Vec<_>) = records.into_iter().unzip();
        let prepared = write::expect_versions(write::prepare(records)?, &expected);
        let author = Author::Actor(actor.clone());
        self.pool
            .write(move |c| write::write_all_and_delete(c, prepared, &deletes, &author))
            .await
    }

    async fn restore_many(
        &self,
        records: Vec<StoredRecord>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::accounts::check_superadmin(actor)?;
        let (records, kept) = crate::store::split_restored(records)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        let prepared = write::keep_stamps(prepared, kept);
        self.pool
            .write(move |c| write::write_all(c, prepared, &Author::Restore))
            .await
    }

    async fn get(&self, id: &RecordId, viewer: &Viewer) -> Result<Option<StoredRecord>> {
        let (id, viewer) = (id.as_str().to_owned(), viewer.clone());
        self.pool.read(move |c| read::get(c, &id, &viewer)).await
    }

    async fn delete(&self, id: &RecordId, actor: &Viewer) -> Result<bool> {
        self.delete_versioned(id, None, actor).await
    }

    async fn delete_versioned(
        &self,
        id: &RecordId,
        expected_version: Option<i64>,
        actor: &Viewer,
    ) -> Result<bool> {
        crate::store::check_writer(actor)?;
        let (id, actor) = (id.as_str().to_owned(), actor.clone());
        self.pool
            .write(move |c| write::delete(c, &id, expected_version, &actor))
            .await
    }

    async fn search(&self, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage> {
        let (query, viewer) = (query.clone(), viewer.clone());
        let summaries = self.summaries.clone();
        self.pool
            .read(move |c| read::search(c, &summaries, &query, &viewer))
            .await
    }

    async fn count(&self, viewer: &Viewer) -> Result<u64> {
        let viewer = viewer.clone();
        self.pool.read(move |c| read::count(c, &viewer)).await
    }

    async fn backup_to(&self, to: &Path) -> Result<()> {
        let to = to.to_owned();
        self.pool.read(move |c| backup::backup(c, &to)).await
    }

    async fn ids(&self, viewer: &Viewer) -> Result<Vec<RecordId>> {
        let viewer = viewer.clone();
        self.pool.read(move |c| read::ids(c, &viewer)).await
    }

    async fn records_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
    ) -> Result<Vec<Record>> {
        let (after, viewer) = (after.map(|a| a.as_str().to_owned()), viewer.clone());
        self.pool
            .read(move |c| read::records_after(c, after.as_deref(), limit, &viewer))
            .await
    }

    async fn represented_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
        kind: RepresentationKind<'_>,
    ) -> Result<Vec<Represented>> {
        let (after, viewer) = (after.map(|a| a.as_str().to_owned()), viewer.clone());
        let (name, fingerprint) = (kind.kind.to_owned(), kind.fingerprint.to_owned());
        self.pool
            .read(move |c| {
                let kind = RepresentationKind {
                    kind: &name,
                    fingerprint: &fingerprint,
                };
                represent::represented_after(c, after.as_deref(), limit, &viewer, kind)
            })
            .await
    }

    async fn keep_representations(
        &self,
        kind: RepresentationKind<'_>,
        made: Vec<Representation>,
    ) -> Result<()> {
        if made.is_empty() {
            return Ok(());
        }
        let packed = represent::pack(&made);
        let (name, fingerprint) = (kind.kind.to_owned(), kind.fingerprint.to_owned());
        self.pool
            .write(move |c| {
                let kind = RepresentationKind {
                    kind: &name,
                    fingerprint: &fingerprint,
                };
                represent::keep(c, kind, &made, packed)
            })
            .await
    }

    async fn ping(&self) -> Result<()> {
        self.pool
            .read(|c| {
                c.query_row("SELECT 1", [], |_| Ok(()))
                    .map_err(|e| Error::Sqlite(e, "pinging"))
            })
            .await
    }
}
