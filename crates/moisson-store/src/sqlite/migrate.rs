//! Embedded, numbered migrations, applied in one transaction and tracked in
//! `schema_migrations`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::refill;
use super::text::timestamp;
use crate::{Error, Result};

/// `(version, name, SQL)`, in order. Never edit a released migration: add a new one.
const MIGRATIONS: &[(u32, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "original_codec",
        include_str!("../../migrations/sqlite/0002_original_codec.sql"),
    ),
    (
        3,
        "rights",
        include_str!("../../migrations/sqlite/0003_rights.sql"),
    ),
    (
        4,
        "refresh_tokens",
        include_str!("../../migrations/sqlite/0004_refresh_tokens.sql"),
    ),
    (
        5,
        "refresh_families",
        include_str!("../../migrations/sqlite/0005_refresh_families.sql"),
    ),
    (
        6,
        "catalogue_generation",
        include_str!("../../migrations/sqlite/0006_catalogue_generation.sql"),
    ),
    (
        7,
        "listing_index",
        include_str!("../../migrations/sqlite/0007_listing_index.sql"),
    ),
    (
        8,
        "representations",
        include_str!("../../migrations/sqlite/0008_representations.sql"),
    ),
    (
        9,
        "harvest",
        include_str!("../../migrations/sqlite/0009_harvest.sql"),
    ),
    (
        10,
        "search_words",
        include_str!("../../migrations/sqlite/0010_search_words.sql"),
    ),
    (
        11,
        "thesauri",
        include_str!("../../migrations/sqlite/0011_thesauri.sql"),
    ),
];

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
        if refill::REFILL_FULL_TEXT_AFTER.contains(&version) {
            refill::full_text(&tx)?;
        }
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
        assert_eq!(
            apply(&mut conn).expect("first"),
            (1..=LATEST).collect::<Vec<_>>()
        );
        assert!(apply(&mut conn).expect("second").is_empty());
    }

    /// An original stored raw by schema version 1 reads back unchanged after version 2.
    #[test]
    fn version_1_originals_stay_readable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn =
            super::super::pool::open_connection(&dir.path().join("v1.db")).expect("open");
        conn.execute_batch(MIGRATIONS[0].2).expect("schema 1");
        conn.execute_batch(
            "CREATE TABLE schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'init', '2024-01-01T00:00:00Z');",
        )
        .expect("version 1");
        let xml = "<gmd:MD_Metadata/>".repeat(100);
        conn.execute(
            "INSERT INTO records (id, doc, original, original_format, version, created, updated,
                 title, title_sort, type, visibility)
             VALUES ('old', '{}', ?1, 'iso19139', 1, 'c', 'u', 't', 't', 'dataset', 'public')",
            [xml.as_bytes()],
        )
        .expect("v1 row");
        assert_eq!(
            apply(&mut conn).expect("upgrade"),
            (2..=LATEST).collect::<Vec<_>>()
        );
        let got = super::super::read::get(&conn, "old", &moisson_model::Viewer::Admin)
            .expect("get")
            .expect("found");
        assert_eq!(got.original.expect("original").bytes, xml.into_bytes());
    }

    /// Rows written by version 2 become published, shared as their doc says, and keep
    /// their visibility.
    #[test]
    fn version_2_rows_get_status_and_shares() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn =
            super::super::pool::open_connection(&dir.path().join("v2.db")).expect("open");
        conn.execute_batch(MIGRATIONS[0].2).expect("schema 1");
        conn.execute_batch(MIGRATIONS[1].2).expect("schema 2");
        conn.execute_batch(
            "CREATE TABLE schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'init', '2024-01-01T00:00:00Z'),
                 (2, 'original_codec', '2024-01-01T00:00:00Z');",
        )
        .expect("version 2");
        let rows = [
            ("plain", r#"{"catalogue":{"visibility":"public"}}"#),
            (
                "shared",
                r#"{"catalogue":{"visibility":"restricted","shared_with":["g1","g2"]}}"#,
            ),
        ];
        for (id, doc) in rows {
            conn.execute(
                "INSERT INTO records (id, doc, version, created, updated, title, title_sort,
                     type, visibility, owner_org)
                 VALUES (?1, ?2, 1, 'c', 'u', 't', 't', 'dataset', 'restricted', 'a')",
                [id, doc],
            )
            .expect("v2 row");
        }
        assert_eq!(
            apply(&mut conn).expect("upgrade"),
            (3..=LATEST).collect::<Vec<_>>()
        );
        let statuses: Vec<String> = conn
            .prepare("SELECT status FROM records ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("statuses");
        assert_eq!(statuses, ["published", "published"]);
        let shares: Vec<String> = conn
            .prepare("SELECT unit FROM record_shares ORDER BY unit")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("shares");
        assert_eq!(shares, ["g1", "g2"]);
    }
}
