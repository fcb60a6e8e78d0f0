//! Writes: validation, then one transaction that checks the actor's rights against each
//! stored record, upserts the record row, its child rows, its full-text row and its
//! boxes, and appends an audit line per record.

use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::account::AuditAction;
use moisson_model::{OriginalDocument, Record, RecordId, Viewer};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::audit::AuditAppender;
use super::children::{clear_children, insert_children};
use super::codec::{Encoded, Packer};
use super::guard;
use super::index::IndexRow;
use super::text::timestamp;
use crate::{BulkSummary, Error, NewRecord, PutOutcome, Result};

/// The stored row of an id; its catalogue information only when `?2` (a rights check).
const SELECT_EXISTING: &str = "SELECT rid, created, version, \
     CASE WHEN ?2 THEN json_extract(doc, '$.catalogue') END FROM records WHERE id = ?1";
const INSERT_RECORD: &str = include_str!("sql/insert_record.sql");
const UPDATE_RECORD: &str = include_str!("sql/update_record.sql");

/// Who writes.
pub(crate) enum Author {
    /// A caller: each record is checked with `rights::check_write` against the stored
    /// one, and written in the audit log under `Viewer::subject`.
    Actor(Viewer),
    /// A restore (`Store::restore_many`, superadmins only, checked by the caller):
    /// records are written as given, without audit lines.
    Restore,
}
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

/// Sets each record's own expected version (`Store::write_and_delete_versioned`).
pub(crate) fn expect_versions(mut p: Vec<Prepared>, expected: &[Option<i64>]) -> Vec<Prepared> {
    for (one, v) in p.iter_mut().zip(expected) {
        one.expected = *v;
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
pub(crate) fn write_all(
    conn: &mut Connection,
    records: Vec<Prepared>,
    author: &Author,
) -> Result<BulkSummary> {
    write_each(conn, records.into_iter().map(Ok), &[], author)
}

/// Writes prepared records (each with its expected version), then deletes `deletes`,
/// in one transaction: all or none (`Store::write_and_delete_versioned`).
pub(crate) fn write_all_and_delete(
    conn: &mut Connection,
    records: Vec<Prepared>,
    deletes: &[RecordId],
    author: &Author,
) -> Result<BulkSummary> {
    write_each(conn, records.into_iter().map(Ok), deletes, author)
}

/// Prepares and writes `records`, then deletes `deletes`, in one transaction, all or
/// none, preparing on a helper thread while this one writes. Errors are those of
/// `prepare` then `write_all`: a record that fails validation is reported ahead of a
/// write error.
pub(crate) fn prepare_and_write(
    conn: &mut Connection,
    records: Vec<NewRecord>,
    deletes: &[RecordId],
    author: &Author,
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
        let written = write_each(conn, &mut prepared, deletes, author);
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
    deletes: &[RecordId],
    author: &Author,
) -> Result<BulkSummary> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::Sqlite(e, "starting a write transaction"))?;
    // Microseconds: what the `created`/`updated` columns keep, so the JSON agrees.
    let now = Utc::now().trunc_subsecs(6);
    let (actor, mut audit) = match author {
        Author::Actor(a) => (Some(a), Some(AuditAppender::new(&tx, a.subject(), now)?)),
        Author::Restore => (None, None),
    };
    let mut summary = BulkSummary::default();
    for p in records {
        let p = p?;
        let (id, status) = (p.id.as_str().to_owned(), p.row.status);
        let outcome = upsert(&tx, p, now, actor)?;
        let action = match outcome {
            PutOutcome::Created => {
                summary.created += 1;
                AuditAction::Create
            }
            PutOutcome::Updated => {
                summary.updated += 1;
                AuditAction::Update
            }
        };
        if let Some(audit) = &mut audit {
            audit.append(action, &id, Some(status))?;
        }
    }
    if let (Some(actor), Some(audit)) = (actor, &mut audit) {
        for id in deletes {
            if delete_in(&tx, id.as_str(), None, actor)? {
                audit.append(AuditAction::Delete, id.as_str(), None)?;
                summary.deleted += 1;
            }
        }
    }
    drop(audit);
    next_generation(&tx)?;
    tx.commit()
        .map_err(|e| Error::Sqlite(e, "committing a write"))?;
    Ok(summary)
}

/// The record's JSON, written into a buffer sized for its long texts at once: grown by
/// doubling, a record with a 5 MB abstract held about three times its size (issue 17).
fn record_json(record: &Record) -> serde_json::Result<String> {
    let long_texts = record.abstract_text.len()
        + record.lineage.as_ref().map_or(0, String::len)
        + record.purpose.as_ref().map_or(0, String::len);
    let mut doc = Vec::with_capacity(long_texts + long_texts / 8 + 16 * 1024);
    serde_json::to_writer(&mut doc, record)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(doc)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Raises the catalogue's generation in a transaction that changes records, so that no
/// store, in this process or another, reuses totals or facets counted before it
/// (`summaries.rs`).
fn next_generation(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("UPDATE catalogue_state SET generation = generation + 1", [])
        .map_err(|e| Error::Sqlite(e, "raising the catalogue generation"))?;
    Ok(())
}

/// `actor`: checked against the stored record (`None`: a restore).
fn upsert(
    tx: &Transaction<'_>,
    p: Prepared,
    now: DateTime<Utc>,
    actor: Option<&Viewer>,
) -> Result<PutOutcome> {
    let err = |e| Error::Sqlite(e, "writing a record");
    let checked = actor.filter(|a| !a.sees_all());
    let existing: Option<(i64, String, i64, Option<String>)> = tx
        .prepare_cached(SELECT_EXISTING)
        .and_then(|mut s| {
            s.query_row(params![p.id.as_str(), checked.is_some()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .map_err(err)?;
    if let Some(actor) = checked {
        let id = p.id.as_str();
        let stored = existing
            .as_ref()
            .map(|e| guard::stored_catalogue(id, e.3.as_deref()))
            .transpose()?;
        guard::check_write(actor, id, stored.as_ref(), &p.new.record.catalogue)?;
    }
    crate::store::check_expected(&p.id, p.expected, existing.as_ref().map(|e| e.2))?;
    let now = p.kept.map_or(now, |k| k.updated);
    let created = match &existing {
        _ if p.kept.is_some() => p.kept.map_or(now, |k| k.created),
        Some((_, c, ..)) => DateTime::parse_from_rfc3339(c)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| Error::Corrupt(format!("created of {}: {e}", p.id)))?,
        None => now,
    };
    // An edit without a document of its own is merged into the kept one (`merged.rs`).
    let merged = match (&p.original, &existing, p.kept) {
        (None, Some((rid, ..)), None) => merged_original(tx, *rid, &p.id, &p.new.record)?,
        _ => None,
    };
    let mut record: Record = p.new.record;
    record.catalogue.created = Some(created);
    record.catalogue.updated = Some(now);
    let doc =
        record_json(&record).map_err(|e| Error::Corrupt(format!("serialising {}: {e}", p.id)))?;
    let (original, format, codec) = match merged.as_ref().or(p.original.as_ref()) {
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
                codec,
                row.status
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
    insert_children(tx, rid, row, &record.abstract_text).map_err(err)?;
    super::thesauri::link_record(tx, rid, &record.keywords)?;
    Ok(if existing.is_some() {
        PutOutcome::Updated
    } else {
        PutOutcome::Created
    })
}

/// The stored original of row `rid` with the edit to `edited` merged in, in its stored
/// form; `None` when there is none or the edit cannot be merged.
fn merged_original(
    tx: &Transaction<'_>,
    rid: i64,
    id: &RecordId,
    edited: &Record,
) -> Result<Option<(Encoded, &'static str)>> {
    let stored: Option<(String, Vec<u8>, Option<String>, String)> = tx
        .prepare_cached(
            "SELECT doc, original, original_codec, original_format FROM records \
             WHERE rid = ?1 AND original IS NOT NULL AND original_format IS NOT NULL",
        )
        .and_then(|mut s| {
            s.query_row([rid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()
        })
        .map_err(|e| Error::Sqlite(e, "reading a kept document"))?;
    let Some((doc, bytes, codec, format)) = stored else {
        return Ok(None);
    };
    let Some(format) = crate::merged::format(&format) else {
        return Ok(None);
    };
    let mut before: Record =
        serde_json::from_str(&doc).map_err(|e| Error::Corrupt(format!("record {id}: {e}")))?;
    before.id = Some(id.clone());
    let original = OriginalDocument {
        format,
        bytes: super::codec::decode(bytes, codec.as_deref())?,
    };
    let merged = crate::merged::merged_original(id, &before, &original, edited);
    Ok(merged.map(|m| (Packer::new().encode(&m.bytes), m.format.as_str())))
}

/// Deletes a record the actor may delete; its child, full-text and box rows go with it
/// (cascades, triggers), and an audit line is written. `false` when absent or hidden
/// from the actor.
/// `expected`: the version the record must be at (`Store::delete_versioned`).
pub(crate) fn delete(
    conn: &mut Connection,
    id: &str,
    expected: Option<i64>,
    actor: &Viewer,
) -> Result<bool> {
    let err = |e| Error::Sqlite(e, "deleting a record");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(err)?;
    if !delete_in(&tx, id, expected, actor)? {
        return Ok(false);
    }
    let now = Utc::now().trunc_subsecs(6);
    AuditAppender::new(&tx, actor.subject(), now)?.append(AuditAction::Delete, id, None)?;
    next_generation(&tx)?;
    tx.commit().map_err(err)?;
    Ok(true)
}

/// The delete itself, inside the caller's (immediate, so locked) transaction, no audit
/// line. Rights before versions: a caller who may not delete learns nothing more.
fn delete_in(
    tx: &Transaction<'_>,
    id: &str,
    expected: Option<i64>,
    actor: &Viewer,
) -> Result<bool> {
    let err = |e| Error::Sqlite(e, "deleting a record");
    let stored: Option<(Option<String>, i64)> = tx
        .query_row(
            "SELECT json_extract(doc, '$.catalogue'), version FROM records WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(err)?;
    let Some((catalogue, version)) = stored else {
        return Ok(false);
    };
    if !actor.sees_all() {
        let stored = guard::stored_catalogue(id, catalogue.as_deref())?;
        if !guard::check_delete(actor, id, &stored)? {
            return Ok(false);
        }
    }
    crate::store::check_expected(id, expected, Some(version))?;
    tx.execute("DELETE FROM records WHERE id = ?1", [id])
        .map_err(err)?;
    Ok(true)
}
