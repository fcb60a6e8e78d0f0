//! Embedded, numbered migrations, applied in one transaction under an advisory lock
//! (so nodes starting together do not race) and tracked in `schema_migrations`.

use tokio_postgres::Client;

use super::refill;

use crate::{Error, Result};

/// `(version, name, SQL)`, in order. Never edit a released migration: add a new one.
const MIGRATIONS: &[(u32, &str, &str)] = &[
    (1, "init", include_str!("../../migrations/pg/0001_init.sql")),
    (
        2,
        "rights",
        include_str!("../../migrations/pg/0002_rights.sql"),
    ),
    (
        3,
        "search_costs",
        include_str!("../../migrations/pg/0003_search_costs.sql"),
    ),
    (
        4,
        "refresh_tokens",
        include_str!("../../migrations/pg/0004_refresh_tokens.sql"),
    ),
    (
        5,
        "bulk_writes",
        include_str!("../../migrations/pg/0005_bulk_writes.sql"),
    ),
    (
        6,
        "refresh_families",
        include_str!("../../migrations/pg/0006_refresh_families.sql"),
    ),
    (
        7,
        "catalogue_generation",
        include_str!("../../migrations/pg/0007_catalogue_generation.sql"),
    ),
    (
        8,
        "representations",
        include_str!("../../migrations/pg/0008_representations.sql"),
    ),
    (
        9,
        "harvest",
        include_str!("../../migrations/pg/0009_harvest.sql"),
    ),
    (
        10,
        "search_words",
        include_str!("../../migrations/pg/0010_search_words.sql"),
    ),
    (
        11,
        "thesauri",
        include_str!("../../migrations/pg/0011_thesauri.sql"),
    ),
];

/// The schema version this build expects.
pub(crate) const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The advisory lock key held while migrating (`moisson` in ASCII).
const MIGRATION_LOCK: i64 = 0x006d_6f69_7373_6f6e;

/// Applies the pending migrations; returns the versions applied (empty when the
/// database was up to date). Refuses a database newer than this build.
pub(crate) async fn apply(client: &mut Client) -> Result<Vec<u32>> {
    let err = |what| move |e| Error::Pg(e, what);
    let tx = client
        .transaction()
        .await
        .map_err(err("starting the migration transaction"))?;
    // Released at commit or rollback; a second node waits here, then finds the work done.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(err("taking the migration lock"))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY, name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await
    .map_err(err("creating schema_migrations"))?;
    let current: Option<i32> = tx
        .query_one("SELECT max(version) FROM schema_migrations", &[])
        .await
        .map_err(err("reading the schema version"))?
        .get(0);
    let current = current.map_or(0, |v| u32::try_from(v).unwrap_or(0));
    if current > LATEST {
        return Err(Error::Config(format!(
            "the database schema is version {current}, newer than this build ({LATEST}); upgrade Moisson"
        )));
    }
    let mut applied = Vec::new();
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.batch_execute(sql)
            .await
            .map_err(err("applying a migration"))?;
        if refill::REFILL_FULL_TEXT_AFTER.contains(&version) {
            refill::full_text(&tx).await?;
        }
        let v = i32::try_from(version).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&v, &name],
        )
        .await
        .map_err(err("recording a migration"))?;
        tracing::info!(version, name, "applied PostgreSQL migration");
        applied.push(version);
    }
    tx.commit().await.map_err(err("committing migrations"))?;
    Ok(applied)
}
