//! Planner statistics of the record tables, refreshed after bulk writes when they are
//! missing or stale.
//!
//! Why not leave it to autovacuum: it may be off (it is on the development server),
//! and even when on it analyses a table at most once a minute, so searches right after
//! a large import were planned without statistics: every estimate one row, a nested
//! loop probing the GiST index once per full-text match (16 s for text + bbox at 100 000
//! records instead of 70 ms). ANALYZE samples at most 30 000 rows per table, so it costs
//! about a second at 100 000 records; refreshing when the table has doubled since its
//! last analysis keeps that to a handful of runs per import.

use deadpool_postgres::Client;

use crate::{Error, Result};

/// Every table the search compiler reads.
const TABLES: &str = "records, record_keywords, record_org_names, record_formats, \
     record_licences, record_topics, record_identifiers, record_crs, record_operates_on, \
     record_alt_titles, record_languages, record_temporal, record_boxes";

/// Rows written since the last analysis of `records`, and the row count it found
/// (-1 when never analysed).
const STALENESS: &str = "SELECT coalesce(s.n_mod_since_analyze, 0), c.reltuples::float8 \
     FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid \
     WHERE c.oid = 'records'::regclass";

/// Fewer changed rows than this never trigger an analysis: small catalogues plan well
/// without statistics.
const MIN_CHANGES: i64 = 1000;

/// Only one node analyses at a time; the others skip (`mosstats` in ASCII).
const ANALYZE_LOCK: i64 = 0x6d6f_7373_7461_7473;

/// Analyses the record tables when `records` changed more than it held at its last
/// analysis (at least `MIN_CHANGES` rows).
pub(crate) async fn refresh_if_stale(client: &mut Client) -> Result<()> {
    let err = |what| move |e| Error::Pg(e, what);
    let row = client
        .query_one(STALENESS, &[])
        .await
        .map_err(err("reading table statistics"))?;
    let (changed, rows): (i64, f64) = (row.get(0), row.get(1));
    #[allow(clippy::cast_precision_loss)] // a row count compared with an estimate
    let stale = changed >= MIN_CHANGES && changed as f64 > rows;
    if !stale {
        return Ok(());
    }
    let tx = client
        .transaction()
        .await
        .map_err(err("starting an analysis"))?;
    let locked: bool = tx
        .query_one("SELECT pg_try_advisory_xact_lock($1)", &[&ANALYZE_LOCK])
        .await
        .map_err(err("taking the analysis lock"))?
        .get(0);
    if locked {
        tx.batch_execute(&format!("ANALYZE {TABLES}"))
            .await
            .map_err(err("analysing the record tables"))?;
        tracing::debug!(changed, rows, "analysed the record tables");
    }
    tx.commit().await.map_err(err("ending an analysis"))?;
    Ok(())
}

/// Only one node vacuums at a time; the others skip (`mosvacuu` in ASCII).
const VACUUM_LOCK: i64 = 0x6d6f_7376_6163_7575;

/// `VACUUM (ANALYZE)` of the record tables, unless another node is doing it. After a bulk
/// load the new rows' pages are not yet marked all-visible, so the index-only scans that
/// count facets (keywords, formats, licences, topics) read the table too: at 100 000
/// records a search by box took 35–39 ms before and 22–26 ms after (p50), for 1.9 s of
/// vacuuming. Autovacuum would do it in time, when it is on; it may not be.
pub(crate) async fn vacuum(client: &mut Client) -> Result<()> {
    let err = |what| move |e| Error::Pg(e, what);
    let locked: bool = client
        .query_one("SELECT pg_try_advisory_lock($1)", &[&VACUUM_LOCK])
        .await
        .map_err(err("taking the vacuum lock"))?
        .get(0);
    if !locked {
        return Ok(());
    }
    // VACUUM runs outside a transaction block: one statement, on this session.
    let done = client
        .batch_execute(&format!("VACUUM (ANALYZE) {TABLES}"))
        .await
        .map_err(err("vacuuming the record tables"));
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&VACUUM_LOCK])
        .await
        .map_err(err("releasing the vacuum lock"))?;
    done
}
