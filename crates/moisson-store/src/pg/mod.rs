//! The PostgreSQL + PostGIS backend: tokio-postgres connections managed by deadpool,
//! JSONB records, a French accent-insensitive `tsvector`, PostGIS boxes under GiST.
//!
//! Layout: `url` (connection strings, redacted), `pool`, `migrate` (embedded migrations
//! under an advisory lock), `write`, `read`, `facets`, `lock` (job locks), the query
//! compiler `compile` with its allow-list `target`, `extent` predicates, bound `params`
//! and full-text `text` helpers; rights: `visibility` (the one read clause), `rights`
//! (write checks under the row lock, deletes), `audit`, `accounts` and `keys`;
//! `stats` refreshes planner statistics after bulk writes.
//! Semantics mirror the SQLite backend; the conformance suite
//! (`tests/it/conformance.rs`) runs on both.

mod accounts;
mod audit;
mod compile;
mod extent;
mod facets;
mod harvest;
mod keys;
pub(crate) mod lock;
mod migrate;
mod params;
mod pool;
mod read;
mod refill;
mod represent;
mod rights;
mod stats;
mod target;
mod text;
mod thesauri;
mod transfer;
mod url;
mod visibility;
mod write;

use async_trait::async_trait;
use moisson_model::account::{ApiKey, AuditEntry, AuditQuery, Unit, User, UserCredentials};
use moisson_model::{Record, RecordId, Role, SearchQuery, Viewer};

use self::pool::Pool;
pub use self::url::{DatabaseUrl, redact};
use self::write::Audit;
use crate::summaries::Summaries;
use crate::{
    AccountStore, BulkSummary, Error, JobGuard, NewRecord, NewUser, PutOutcome, Representation,
    RepresentationKind, Represented, Result, SearchPage, Store, StoredRecord, UserChanges,
};

/// A catalogue in a PostgreSQL database. Several nodes may share one database: writes
/// lock the rows they replace, migrations and job locks use advisory locks.
pub struct PgStore {
    pool: Pool,
    /// Totals and facet counts of recent searches, for the current generation.
    summaries: Summaries,
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
            summaries: Summaries::default(),
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
impl AccountStore for PgStore {
    async fn create_user(&self, user: NewUser, actor: &Viewer) -> Result<User> {
        accounts::create_user(&self.pool, user, actor).await
    }

    async fn user_credentials(&self, username: &str) -> Result<Option<UserCredentials>> {
        accounts::user_credentials(&self.pool, username).await
    }

    async fn list_users(&self, actor: &Viewer) -> Result<Vec<User>> {
        accounts::list_users(&self.pool, actor).await
    }

    async fn update_user(
        &self,
        username: &str,
        changes: UserChanges,
        actor: &Viewer,
    ) -> Result<bool> {
        accounts::update_user(&self.pool, username, changes, actor).await
    }

    async fn delete_user(&self, username: &str, actor: &Viewer) -> Result<bool> {
        accounts::delete_user(&self.pool, username, actor).await
    }

    async fn create_unit(&self, unit: Unit, actor: &Viewer) -> Result<()> {
        accounts::create_unit(&self.pool, unit, actor).await
    }

    async fn list_units(&self) -> Result<Vec<Unit>> {
        accounts::list_units(&self.pool).await
    }

    async fn delete_unit(&self, id: &str, actor: &Viewer) -> Result<bool> {
        accounts::delete_unit(&self.pool, id, actor).await
    }

    async fn set_membership(
        &self,
        username: &str,
        unit: &str,
        role: Role,
        actor: &Viewer,
    ) -> Result<()> {
        accounts::set_membership(&self.pool, username, unit, role, actor).await
    }

    async fn remove_membership(&self, username: &str, unit: &str, actor: &Viewer) -> Result<bool> {
        accounts::remove_membership(&self.pool, username, unit, actor).await
    }

    async fn create_api_key(&self, key: ApiKey, actor: &Viewer) -> Result<()> {
        keys::create(&self.pool, key, actor).await
    }

    async fn api_key(&self, id: &str) -> Result<Option<ApiKey>> {
        keys::get(&self.pool, id).await
    }

    async fn list_api_keys(&self, unit: Option<&str>, actor: &Viewer) -> Result<Vec<ApiKey>> {
        keys::list(&self.pool, unit, actor).await
    }

    async fn revoke_api_key(&self, id: &str, actor: &Viewer) -> Result<bool> {
        keys::revoke(&self.pool, id, actor).await
    }

    async fn consume_refresh_token(
        &self,
        jti: &str,
        family: &str,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool> {
        keys::consume_refresh_token(&self.pool, jti, family, expires).await
    }

    async fn audit(&self, query: &AuditQuery, actor: &Viewer) -> Result<Vec<AuditEntry>> {
        audit::read(&self.pool, query, actor).await
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
        let summary = write::write_all(&self.pool, prepared, &[], actor, Audit::Yes).await?;
        Ok(summary.single_outcome())
    }

    async fn put_many(&self, records: Vec<NewRecord>, actor: &Viewer) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        write::write_all(&self.pool, prepared, &[], actor, Audit::Yes).await
    }

    async fn restore_many(
        &self,
        records: Vec<StoredRecord>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        // Restores copy another store as it is (rights fields included): superadmins only.
        crate::accounts::check_superadmin(actor)?;
        let (records, kept) = crate::store::split_restored(records)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        let prepared = write::keep_stamps(prepared, kept);
        write::write_all(&self.pool, prepared, &[], actor, Audit::No).await
    }

    async fn write_and_delete(
        &self,
        records: Vec<NewRecord>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        write::write_all(&self.pool, prepared, &deletes, actor, Audit::Yes).await
    }

    async fn write_and_delete_versioned(
        &self,
        records: Vec<(NewRecord, Option<i64>)>,
        deletes: Vec<RecordId>,
        actor: &Viewer,
    ) -> Result<BulkSummary> {
        crate::store::check_writer(actor)?;
        let (records, expected): (Vec<_>, Vec<_>) = records.into_iter().unzip();
        let prepared = tokio::task::spawn_blocking(move || write::prepare(records))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        let prepared = write::expect_versions(prepared, &expected);
        write::write_all(&self.pool, prepared, &deletes, actor, Audit::Yes).await
    }

    async fn get(&self, id: &RecordId, viewer: &Viewer) -> Result<Option<StoredRecord>> {
        read::get(&self.pool, id.as_str(), viewer).await
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
        rights::delete(&self.pool, id.as_str(), expected_version, actor).await
    }

    async fn search(&self, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage> {
        read::search(&self.pool, &self.summaries, query, viewer).await
    }

    async fn count(&self, viewer: &Viewer) -> Result<u64> {
        read::count(&self.pool, viewer).await
    }

    async fn ids(&self, viewer: &Viewer) -> Result<Vec<RecordId>> {
        read::ids(&self.pool, viewer).await
    }

    async fn records_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
    ) -> Result<Vec<Record>> {
        read::records_after(&self.pool, after.map(RecordId::as_str), limit, viewer).await
    }

    async fn represented_after(
        &self,
        after: Option<&RecordId>,
        limit: u32,
        viewer: &Viewer,
        kind: RepresentationKind<'_>,
    ) -> Result<Vec<Represented>> {
        represent::represented_after(&self.pool, after.map(RecordId::as_str), limit, viewer, kind)
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
        represent::keep(&self.pool, kind, &made).await
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

    async fn settle(&self) -> Result<()> {
        let mut client = self.pool.get("settling after a bulk load").await?;
        stats::vacuum(&mut client).await
    }
}
