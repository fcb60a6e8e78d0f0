//! Writes: validation (shared with SQLite), then one transaction that writes each
//! record's row (with its weighted tsvector) and its child rows in two statements.
//!
//! Concurrency: the existing row is locked (`FOR UPDATE`) and updated in place (a
//! waiting writer then sees the new version), and a first insert that loses a race
//! with another node's (`ON CONFLICT DO NOTHING` returns nothing) retries on the row
//! that node committed; so versions never skip or repeat and an `expected_version`
//! check is exact.

use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::{Record, RecordId};
use tokio_postgres::types::{Json, ToSql};

use super::pool::Pool;
use crate::index::IndexRow;
use crate::text::timestamp;
use crate::{BulkSummary, Error, NewRecord, PutOutcome, Result};

use super::text::fts_text;

const SELECT_EXISTING: &str = "SELECT rid, created, version FROM records WHERE id = $1 FOR UPDATE";
const INSERT_RECORD: &str = include_str!("sql/insert_record.sql");
const UPDATE_RECORD: &str = include_str!("sql/update_record.sql");
const DELETE_CHILDREN: &str = include_str!("sql/delete_children.sql");
const INSERT_CHILDREN: &str = include_str!("sql/insert_children.sql");
/// Attempts at a first insert that keeps losing races (never more than one in practice).
const RACE_RETRIES: usize = 10;

/// A validated record with its index values, ready to write.
pub(crate) struct Prepared {
    id: RecordId,
    new: NewRecord,
    row: IndexRow,
    /// `None`: last writer wins; `Some(0)`: create only; `Some(v)`: version must be `v`.
    expected: Option<i64>,
    /// Restored records keep their version and timestamps.
    kept: Option<crate::store::Kept>,
}

/// Validates every record (naming the faulty one) and computes its index values.
pub(crate) fn prepare(records: Vec<NewRecord>) -> Result<Vec<Prepared>> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, new)| {
            let Some(id) = new.record.id.clone() else {
                return Err(Error::Invalid(format!(
                    "record #{} has no identifier",
                    i + 1
                )));
            };
            new.record
                .validate()
                .map_err(|e| Error::Invalid(format!("record {id}: {e}")))?;
            let row = IndexRow::of(&new.record);
            Ok(Prepared {
                id,
                new,
                row,
                expected: None,
                kept: None,
            })
        })
        .collect()
}

pub(crate) fn expect_version(mut p: Vec<Prepared>, expected: Option<i64>) -> Vec<Prepared> {
    for one in &mut p {
        one.expected = expected;
    }
    p
}

/// Marks records as restored: each keeps its version and timestamps.
pub(crate) fn keep_stamps(mut p: Vec<Prepared>, kept: Vec<crate::store::Kept>) -> Vec<Prepared> {
    for (one, k) in p.iter_mut().zip(kept) {
        one.kept = Some(k);
    }
    p
}

/// Writes every record in one transaction: all or none.
pub(crate) async fn write_all(pool: &Pool, mut records: Vec<Prepared>) -> Result<BulkSummary> {
    // Row locks taken in id order: two overlapping imports cannot deadlock.
    records.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let mut client = pool.get("writing records").await?;
    let tx = client
        .transaction()
        .await
        .map_err(|e| Error::Pg(e, "starting a write transaction"))?;
    // Microseconds: what the `created`/`updated` columns keep, so the JSON agrees.
    let now = Utc::now().trunc_subsecs(6);
    let mut summary = BulkSummary::default();
    for p in records {
        match upsert(&tx, p, now).await? {
            PutOutcome::Created => summary.created += 1,
            PutOutcome::Updated => summary.updated += 1,
        }
    }
    tx.commit()
        .await
        .map_err(|e| Error::Pg(e, "committing a write"))?;
    Ok(summary)
}

async fn upsert(
    tx: &deadpool_postgres::Transaction<'_>,
    p: Prepared,
    now: DateTime<Utc>,
) -> Result<PutOutcome> {
    let err = |what| move |e| Error::Pg(e, what);
    let select = tx
        .prepare_cached(SELECT_EXISTING)
        .await
        .map_err(err("preparing a write"))?;
    for _ in 0..RACE_RETRIES {
        let existing = tx
            .query_opt(&select, &[&p.id.as_str()])
            .await
            .map_err(err("locking a record"))?
            .map(|r| {
                (
                    r.get::<_, i64>(0),
                    r.get::<_, String>(1),
                    r.get::<_, i64>(2),
                )
            });
        crate::store::check_expected(&p.id, p.expected, existing.as_ref().map(|e| e.2))?;
        let created = match &existing {
            _ if p.kept.is_some() => p.kept.map_or(now, |k| k.created),
            Some((_, c, _)) => DateTime::parse_from_rfc3339(c)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| Error::Corrupt(format!("created of {}: {e}", p.id)))?,
            None => now,
        };
        let version = match p.kept {
            Some(k) => k.version,
            None => existing.as_ref().map_or(1, |e| e.2 + 1),
        };
        let now = p.kept.map_or(now, |k| k.updated);
        let key = existing.as_ref().map(|e| e.0);
        if let Some(rid) = write_row(tx, &p, key, (created, now), version).await? {
            insert_children(tx, rid, &p.row).await?;
            return Ok(if existing.is_some() {
                PutOutcome::Updated
            } else {
                PutOutcome::Created
            });
        }
        // Another node created the record since our SELECT: lock theirs and go again.
    }
    Err(Error::Conflict(format!(
        "record {} is being written by others; try again",
        p.id
    )))
}

/// Updates the row `rid` (clearing its child rows), or inserts a new one when `rid`
/// is `None`; returns the row's rid, `None` when another writer inserted it first.
async fn write_row(
    tx: &deadpool_postgres::Transaction<'_>,
    p: &Prepared,
    rid: Option<i64>,
    (created, now): (DateTime<Utc>, DateTime<Utc>),
    version: i64,
) -> Result<Option<i64>> {
    let mut record: Record = p.new.record.clone();
    record.catalogue.created = Some(created);
    record.catalogue.updated = Some(now);
    let doc = Json(&record);
    let (original, format) = match &p.new.original {
        Some(o) => (Some(o.bytes.as_slice()), Some(o.format.as_str())),
        None => (None, None),
    };
    let r = &p.row;
    let f = &r.fts;
    let (created, updated) = (timestamp(created), timestamp(now));
    let b_text = fts_text(&format!("{} ; {}", f.alt_titles, f.keywords));
    let (a_text, c_text, d_text) = (
        fts_text(&f.title),
        fts_text(&f.abstract_text),
        fts_text(&f.other),
    );
    let id = p.id.as_str();
    let key: &(dyn ToSql + Sync) = match &rid {
        Some(rid) => rid,
        None => &id,
    };
    let params: [&(dyn ToSql + Sync); 23] = [
        key,
        &doc,
        &original,
        &format,
        &version,
        &created,
        &updated,
        &r.title,
        &r.title_sort,
        &r.kind,
        &r.owner_org,
        &r.visibility,
        &r.date_stamp,
        &r.creation_date,
        &r.publication_date,
        &r.revision_date,
        &r.parent_id,
        &r.language,
        &r.service_type,
        &a_text,
        &b_text,
        &c_text,
        &d_text,
    ];
    if let Some(rid) = rid {
        let clear = tx
            .prepare_cached(DELETE_CHILDREN)
            .await
            .map_err(|e| Error::Pg(e, "preparing a write"))?;
        tx.execute(&clear, &[&rid])
            .await
            .map_err(|e| Error::Pg(e, "clearing index rows"))?;
    }
    let sql = if rid.is_some() {
        UPDATE_RECORD
    } else {
        INSERT_RECORD
    };
    let stmt = tx
        .prepare_cached(sql)
        .await
        .map_err(|e| Error::Pg(e, "preparing a write"))?;
    let row = tx
        .query_opt(&stmt, &params)
        .await
        .map_err(|e| write_error(e, &p.id))?;
    Ok(row.map(|r| r.get(0)))
}

/// A row PostgreSQL refuses (a NUL character in a text, …) is the record's fault.
fn write_error(e: tokio_postgres::Error, id: &RecordId) -> Error {
    match e.as_db_error() {
        Some(db) if db.code().code().starts_with("22") => {
            Error::Invalid(format!("record {id}: {}", db.message()))
        }
        _ => Error::Pg(e, "writing a record"),
    }
}

async fn insert_children(
    tx: &deadpool_postgres::Transaction<'_>,
    rid: i64,
    r: &IndexRow,
) -> Result<()> {
    let firsts = |v: &[(String, String)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let seconds = |v: &[(String, String)]| v.iter().map(|x| x.1.clone()).collect::<Vec<_>>();
    let texts = |v: &[(String, Option<String>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let uris = |v: &[(String, Option<String>)]| v.iter().map(|x| x.1.clone()).collect::<Vec<_>>();
    let (kw, kw_norm) = (firsts(&r.keywords), seconds(&r.keywords));
    let (org, org_norm) = (firsts(&r.org_names), seconds(&r.org_names));
    let (lic, lic_uri) = (texts(&r.licences), uris(&r.licences));
    let (ident, ident_uri) = (texts(&r.identifiers), uris(&r.identifiers));
    let begins: Vec<Option<String>> = r.temporal.iter().map(|t| t.0.clone()).collect();
    let ends: Vec<Option<String>> = r.temporal.iter().map(|t| t.1.clone()).collect();
    let nows: Vec<bool> = r.temporal.iter().map(|t| t.2).collect();
    let extent_no: Vec<i32> = r
        .boxes
        .iter()
        .map(|b| i32::try_from(b.0).unwrap_or(i32::MAX))
        .collect();
    let coord =
        |f: fn(&moisson_model::Bbox) -> f64| r.boxes.iter().map(|b| f(&b.1)).collect::<Vec<f64>>();
    let (w, s, e, n) = (
        coord(|b| b.west),
        coord(|b| b.south),
        coord(|b| b.east),
        coord(|b| b.north),
    );
    let params: [&(dyn ToSql + Sync); 23] = [
        &rid,
        &kw,
        &kw_norm,
        &org,
        &org_norm,
        &lic,
        &lic_uri,
        &ident,
        &ident_uri,
        &r.formats,
        &r.topics,
        &r.crs,
        &r.operates_on,
        &r.alt_titles,
        &r.languages,
        &begins,
        &ends,
        &nows,
        &extent_no,
        &w,
        &s,
        &e,
        &n,
    ];
    let stmt = tx
        .prepare_cached(INSERT_CHILDREN)
        .await
        .map_err(|e| Error::Pg(e, "preparing a write"))?;
    tx.execute(&stmt, &params)
        .await
        .map_err(|e| Error::Pg(e, "writing index rows"))?;
    Ok(())
}

/// Deletes a record; its child rows go with it (ON DELETE CASCADE).
pub(crate) async fn delete(pool: &Pool, id: &str) -> Result<bool> {
    let client = pool.get("deleting a record").await?;
    let n = client
        .execute("DELETE FROM records WHERE id = $1", &[&id])
        .await
        .map_err(|e| Error::Pg(e, "deleting a record"))?;
    Ok(n > 0)
}
