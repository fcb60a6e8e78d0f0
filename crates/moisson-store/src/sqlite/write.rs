//! Writes: validation, then one transaction that upserts the record row, its child
//! rows, its full-text row and its boxes.

use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::{Record, RecordId};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::codec::{Encoded, Packer};
use super::index::IndexRow;
use super::text::timestamp;
use crate::{BulkSummary, Error, NewRecord, PutOutcome, Result};

const SELECT_EXISTING: &str = "SELECT rid, created, version FROM records WHERE id = ?1";
const INSERT_RECORD: &str = include_str!("sql/insert_record.sql");
const UPDATE_RECORD: &str = include_str!("sql/update_record.sql");
/// Child tables cleared before an update re-inserts them (boxes' trigger clears the R*Tree).
const CHILD_TABLES: [&str; 12] = [
    "DELETE FROM record_keywords WHERE rid = ?1",
    "DELETE FROM record_org_names WHERE rid = ?1",
    "DELETE FROM record_formats WHERE rid = ?1",
    "DELETE FROM record_licences WHERE rid = ?1",
    "DELETE FROM record_topics WHERE rid = ?1",
    "DELETE FROM record_identifiers WHERE rid = ?1",
    "DELETE FROM record_crs WHERE rid = ?1",
    "DELETE FROM record_operates_on WHERE rid = ?1",
    "DELETE FROM record_alt_titles WHERE rid = ?1",
    "DELETE FROM record_languages WHERE rid = ?1",
    "DELETE FROM record_temporal WHERE rid = ?1",
    "DELETE FROM record_boxes WHERE rid = ?1",
];

/// A value and its optional URI (licences, identifiers).
type TextAndUri = (String, Option<String>);

/// A validated record with its index values, ready to write.
pub(crate) struct Prepared {
    id: RecordId,
    new: NewRecord,
    row: IndexRow,
    /// The original document in its stored form, with its format.
    original: Option<(Encoded, &'static str)>,
    /// `None`: last writer wins; `Some(0)`: create only; `Some(v)`: version must be `v`.
    expected: Option<i64>,
    /// Restored records keep their version and timestamps.
    kept: Option<crate::store::Kept>,
}

/// Validates every record (naming the faulty one) and computes its index values.
pub(crate) fn prepare(records: Vec<NewRecord>) -> Result<Vec<Prepared>> {
    let mut packer = Packer::new();
    records
        .into_iter()
        .enumerate()
        .map(|(i, new)| prepare_one(i, new, &mut packer))
        .collect()
}

fn prepare_one(index: usize, mut new: NewRecord, packer: &mut Packer) -> Result<Prepared> {
    let Some(id) = new.record.id.clone() else {
        return Err(Error::Invalid(format!(
            "record #{} has no identifier",
            index + 1
        )));
    };
    new.record
        .validate()
        .map_err(|e| Error::Invalid(format!("record {id}: {e}")))?;
    let row = IndexRow::of(&new.record);
    let original = new
        .original
        .take()
        .map(|o| (packer.encode(&o.bytes), o.format.as_str()));
    Ok(Prepared {
        id,
        new,
        row,
        original,
        expected: None,
        kept: None,
    })
}

/// Sets the version every record must be at (see `Store::put_versioned`).
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
pub(crate) fn write_all(conn: &mut Connection, records: Vec<Prepared>) -> Result<BulkSummary> {
    write_each(conn, records.into_iter().map(Ok))
}

/// Prepares and writes `records` in one transaction, all or none, preparing on a
/// helper thread while this one writes. Errors are those of `prepare` then
/// `write_all`: a record that fails validation is reported ahead of a write error.
pub(crate) fn prepare_and_write(
    conn: &mut Connection,
    records: Vec<NewRecord>,
) -> Result<BulkSummary> {
    let (sender, prepared) = std::sync::mpsc::sync_channel(64);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut packer = Packer::new();
            for (i, new) in records.into_iter().enumerate() {
                let one = prepare_one(i, new, &mut packer);
                let failed = one.is_err();
                if sender.send(one).is_err() || failed {
                    break;
                }
            }
        });
        let mut prepared = prepared.iter();
        let written = write_each(conn, &mut prepared);
        match written {
            // The transaction is rolled back; a later invalid record still wins.
            Err(e) => Err(prepared.find_map(Result::err).unwrap_or(e)),
            ok => ok,
        }
    })
}

fn write_each(
    conn: &mut Connection,
    records: impl Iterator<Item = Result<Prepared>>,
) -> Result<BulkSummary> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::Sqlite(e, "starting a write transaction"))?;
    // Microseconds: what the `created`/`updated` columns keep, so the JSON agrees.
    let now = Utc::now().trunc_subsecs(6);
    let mut summary = BulkSummary::default();
    for p in records {
        match upsert(&tx, p?, now)? {
            PutOutcome::Created => summary.created += 1,
            PutOutcome::Updated => summary.updated += 1,
        }
    }
    tx.commit()
        .map_err(|e| Error::Sqlite(e, "committing a write"))?;
    Ok(summary)
}

fn upsert(tx: &Transaction<'_>, p: Prepared, now: DateTime<Utc>) -> Result<PutOutcome> {
    let err = |e| Error::Sqlite(e, "writing a record");
    let existing: Option<(i64, String, i64)> = tx
        .prepare_cached(SELECT_EXISTING)
        .and_then(|mut s| {
            s.query_row([p.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()
        })
        .map_err(err)?;
    crate::store::check_expected(&p.id, p.expected, existing.as_ref().map(|e| e.2))?;
    let now = p.kept.map_or(now, |k| k.updated);
    let created = match &existing {
        _ if p.kept.is_some() => p.kept.map_or(now, |k| k.created),
        Some((_, c, _)) => DateTime::parse_from_rfc3339(c)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| Error::Corrupt(format!("created of {}: {e}", p.id)))?,
        None => now,
    };
    let mut record: Record = p.new.record;
    record.catalogue.created = Some(created);
    record.catalogue.updated = Some(now);
    let doc = serde_json::to_string(&record)
        .map_err(|e| Error::Corrupt(format!("serialising {}: {e}", p.id)))?;
    let (original, format, codec) = match &p.original {
        Some((o, f)) => (Some(o.bytes.as_slice()), Some(*f), o.codec),
        None => (None, None, None),
    };
    let row = &p.row;
    let version = match p.kept {
        Some(k) => k.version,
        None => existing.as_ref().map_or(1, |e| e.2 + 1),
    };
    let (sql, key): (&str, rusqlite::types::Value) = match &existing {
        Some((rid, ..)) => (UPDATE_RECORD, (*rid).into()),
        None => (INSERT_RECORD, p.id.as_str().to_owned().into()),
    };
    tx.prepare_cached(sql)
        .and_then(|mut s| {
            s.execute(params![
                key,
                doc,
                original,
                format,
                version,
                timestamp(created),
                timestamp(now),
                row.title,
                row.title_sort,
                row.kind,
                row.owner_org,
                row.visibility,
                row.date_stamp,
                row.creation_date,
                row.publication_date,
                row.revision_date,
                row.parent_id,
                row.language,
                row.service_type,
                codec
            ])
        })
        .map_err(err)?;
    let rid = match &existing {
        Some((rid, ..)) => {
            clear_children(tx, *rid)?;
            *rid
        }
        None => tx.last_insert_rowid(),
    };
    insert_children(tx, rid, row).map_err(err)?;
    Ok(if existing.is_some() {
        PutOutcome::Updated
    } else {
        PutOutcome::Created
    })
}

fn clear_children(tx: &Transaction<'_>, rid: i64) -> Result<()> {
    for sql in CHILD_TABLES
        .iter()
        .chain(&["DELETE FROM records_fts WHERE rowid = ?1"])
    {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([rid]))
            .map_err(|e| Error::Sqlite(e, "clearing index rows"))?;
    }
    Ok(())
}

fn insert_children(tx: &Transaction<'_>, rid: i64, row: &IndexRow) -> rusqlite::Result<()> {
    let pairs: [(&str, &[(String, String)]); 2] = [
        (
            "INSERT INTO record_keywords (rid, text, norm) VALUES (?1, ?2, ?3)",
            &row.keywords,
        ),
        (
            "INSERT INTO record_org_names (rid, name, norm) VALUES (?1, ?2, ?3)",
            &row.org_names,
        ),
    ];
    for (sql, values) in pairs {
        let mut s = tx.prepare_cached(sql)?;
        for (a, b) in values {
            s.execute(params![rid, a, b])?;
        }
    }
    let with_uri: [(&str, &[TextAndUri]); 2] = [
        (
            "INSERT INTO record_licences (rid, text, uri) VALUES (?1, ?2, ?3)",
            &row.licences,
        ),
        (
            "INSERT INTO record_identifiers (rid, code, uri) VALUES (?1, ?2, ?3)",
            &row.identifiers,
        ),
    ];
    for (sql, values) in with_uri {
        let mut s = tx.prepare_cached(sql)?;
        for (a, b) in values {
            s.execute(params![rid, a, b])?;
        }
    }
    let singles: [(&str, &[String]); 6] = [
        (
            "INSERT INTO record_formats (rid, name) VALUES (?1, ?2)",
            &row.formats,
        ),
        (
            "INSERT INTO record_topics (rid, value) VALUES (?1, ?2)",
            &row.topics,
        ),
        (
            "INSERT INTO record_crs (rid, code) VALUES (?1, ?2)",
            &row.crs,
        ),
        (
            "INSERT INTO record_operates_on (rid, value) VALUES (?1, ?2)",
            &row.operates_on,
        ),
        (
            "INSERT INTO record_alt_titles (rid, title) VALUES (?1, ?2)",
            &row.alt_titles,
        ),
        (
            "INSERT INTO record_languages (rid, lang) VALUES (?1, ?2)",
            &row.languages,
        ),
    ];
    for (sql, values) in singles {
        let mut s = tx.prepare_cached(sql)?;
        for v in values {
            s.execute(params![rid, v])?;
        }
    }
    insert_extents(tx, rid, row)?;
    let f = &row.fts;
    tx.prepare_cached(
        "INSERT INTO records_fts (rowid, title, alt_titles, abstract, keywords, other) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![rid, f.title, f.alt_titles, f.abstract_text, f.keywords, f.other])?;
    Ok(())
}

fn insert_extents(tx: &Transaction<'_>, rid: i64, row: &IndexRow) -> rusqlite::Result<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO record_temporal (rid, begin_date, end_date, end_is_now) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (begin, end, now) in &row.temporal {
        s.execute(params![rid, begin, end, now])?;
    }
    let mut boxes = tx.prepare_cached(
        "INSERT INTO record_boxes (rid, extent_no, west, south, east, north) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut rtree = tx.prepare_cached(
        "INSERT INTO records_bbox (id, west, east, south, north) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (n, b) in &row.boxes {
        boxes.execute(params![rid, n, b.west, b.south, b.east, b.north])?;
        rtree.execute(params![
            tx.last_insert_rowid(),
            b.west,
            b.east,
            b.south,
            b.north
        ])?;
    }
    Ok(())
}

/// Deletes a record; its child, full-text and box rows go with it (cascades, triggers).
pub(crate) fn delete(conn: &mut Connection, id: &str) -> Result<bool> {
    let n = conn
        .execute("DELETE FROM records WHERE id = ?1", [id])
        .map_err(|e| Error::Sqlite(e, "deleting a record"))?;
    Ok(n > 0)
}
