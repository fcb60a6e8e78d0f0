//! Embedded, numbered migrations, applied in one transaction and tracked in
//! `schema_migrations`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::text::timestamp;
use crate::{Error, Result};

/// `(version, name, SQL)`, in order. Never edit a released migration: add a new one.
const MIGRATIONS: &[(u32, &str, &str)] = &[(
    1,
    "init",
    include_str!("../../migrations/sqlite/0001_init.sql"),
)];

/// The schema version this build expects.
pub(crate) const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies the pending migrations; returns the versions applied (empty when the
/// database was up to date). Refuses a database newer than this build.
pub(crate) fn apply(conn: &mut Connection) -> Result<Vec<u32>> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::Sqlite(e, "starting the migration transaction"))?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .map_err(|e| Error::Sqlite(e, "creating schema_migrations"))?;
    let current: u32 = tx
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get::<_, Option<u32>>(0)
        })
        .optional()
        .map_err(|e| Error::Sqlite(e, "reading the schema version"))?
        .flatten()
        .unwrap_or(0);
    if current > LATEST {
        return Err(Error::Config(format!(
            "the database schema is version {current}, newer than this build ({LATEST}); upgrade Moisson"
        )));
    }
    let now = timestamp(chrono::Utc::now());
    let mut applied = Vec::new();
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.execute_batch(sql)
            .map_err(|e| Error::Sqlite(e, "applying a migration"))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, now],
        )
        .map_err(|e| Error::Sqlite(e, "recording a migration"))?;
        tracing::info!(version, name, "applied SQLite migration");
        applied.push(version);
    }
    tx.commit()
        .map_err(|e| Error::Sqlite(e, "committing migrations"))?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = super::super::pool::open_connection(&dir.path().join("m.db")).expect("open");
        assert_eq!(apply(&mut conn).expect("first"), vec![1]);
        assert!(apply(&mut conn).expect("second").is_empty());
    }
}
