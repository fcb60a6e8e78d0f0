//! The PostgreSQL + PostGIS backend: tokio-postgres connections managed by deadpool,
//! JSONB records, a French accent-insensitive `tsvector`, PostGIS boxes under GiST.
//!
//! Layout: `url` (connection strings, redacted), `pool`, `migrate` (embedded migrations
//! under an advisory lock), `write`, `read`, `facets`, `lock` (job locks), and the
//! query compiler `compile` with its allow-list `target`, `extent` predicates, bound
//! `params` and full-text `text` helpers. Semantics mirror the SQLite backend; the
//! conformance suite (`tests/it/conformance.rs`) runs on both.

mod compile;
mod extent;
mod facets;
pub(crate) mod lock;
mod migrate;
mod params;
mod pool;
mod read;
mod target;
mod text;
mod url;
mod write;

use async_trait::async_trait;
use moisson_model::{RecordId, SearchQuery, Viewer};

use self::pool::Pool;
pub use self::url::{DatabaseUrl, redact};
use crate::{
    BulkSummary, Error, JobGuard, NewRecord, PutOutcome, Result, SearchPage, Store, StoredRecord,
};

/// A catalogue in a PostgreSQL database. Several nodes may share one database: writes
/// lock the rows they replace, migrations and job locks use advisory locks.
pub struct PgStore {
    pool: Pool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("url", self.pool.url())
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and applies
    /// the pending migrations.
    pub async fn open(url: &str) -> Result<Self> {
        let store = Self {
            pool: Pool::new(DatabaseUrl::parse(url)?)?,
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations; returns the versions applied, empty when the schema
    /// was already current. Safe when several nodes start together.
    pub async fn migrate(&self) -> Result<Vec<u32>> {
        let mut client = self.pool.get("migrating").await?;
        migrate::apply(&mut client).await
    }

    /// Connects to `url` and applies its pending migrations, without keeping a store.
    pub async fn migrate_url(url: &str) -> Result<Vec<u32>> {
        let pool = Pool::new(DatabaseUrl::parse(url)?)?;
        let mut client = pool.get("migrating").await?;
        migrate::apply(&mut client).await
    }

    /// The schema version this build creates.
    #[must_use]
    pub fn schema_version() -> u32 {
        migrate::LATEST
    }
}

#[async_trait]
impl Store for PgStore {
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
        let summary = write::write_all(&self.pool, prepared).await?;
        Ok(summary.single_outcome())
    }

    async fn put_many(&self, records: Vec<NewRecord>, actor: &Viewer) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        write::write_all(&self.pool, prepared).await
    }

    async fn restore_many(
        &self,
        records: Vec<StoredRecord>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let (records, kept) = crate::store::split_restored(records)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        write::write_all(&self.pool, write::keep_stamps(prepared, kept)).await
    }

    async fn get(&self, id: &RecordId, viewer: &Viewer) -> Result<Option<StoredRecord>> {
        read::get(&self.pool, id.as_str(), viewer).await
    }

    async fn delete(&self, id: &RecordId, actor: &Viewer) -> Result<bool> {
        crate::store::check_writer(actor)?;
        write::delete(&self.pool, id.as_str()).await
    }

    async fn search(&self, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage> {
        read::search(&self.pool, query, viewer).await
    }

    async fn count(&self, viewer: &Viewer) -> Result<u64> {
        read::count(&self.pool, viewer).await
    }

    async fn ids(&self, viewer: &Viewer) -> Result<Vec<RecordId>> {
        read::ids(&self.pool, viewer).await
    }

    async fn ping(&self) -> Result<()> {
        let client = self.pool.get("pinging").await?;
        client
            .simple_query("SELECT 1")
            .await
            .map_err(|e| Error::Pg(e, "pinging"))?;
        Ok(())
    }

    async fn try_job_lock(&self, name: &str) -> Result<Option<JobGuard>> {
        lock::try_job_lock(&self.pool, name).await
    }
}
