//! Writes: validation (shared with SQLite), then one transaction per batch that locks
//! the stored records in one query, checks the actor's rights against each
//! (`rights.rs`) and its expected version, and writes the rows of the whole batch with a
//! few array statements (`write/rows.rs`): new records, rewritten records, their child
//! rows, and the batch's audit lines.
//!
//! Speed: the full-text vectors are the costliest part of a write for PostgreSQL. A
//! large batch is written in chunks, and a second pooled connection (when one is free)
//! computes the vectors of the next chunk while the transaction writes the current one,
//! so a write uses two cores of the database server.
//!
//! Concurrency: existing rows are locked (`FOR UPDATE`, in id order, so overlapping
//! imports cannot deadlock) and updated in place (a waiting writer then sees the new
//! version), and a first insert that loses a race with another node's (`ON CONFLICT DO
//! NOTHING` skips it) is written again in a next round, on the row that node committed;
//! so versions never skip or repeat and an `expected_version` check is exact. A batch
//! naming one record twice writes it in two rounds, in the order given.

mod kept;
mod rows;

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::account::AuditAction;
use moisson_model::{RecordId, Viewer, rights};

use self::rows::{Stored, Vector};
use super::audit::{self, AuditLine};
use super::pool::Pool;
use super::rights::denied;
use super::stats;
use crate::index::IndexRow;
use crate::{BulkSummary, Error, NewRecord, Result};

/// Batches at least this large check whether the planner statistics are stale.
const STATS_CHECK_BATCH: usize = 100;
/// Rounds in which a first insert keeps losing races (never more than one in practice).
const RACE_RETRIES: usize = 10;
/// Records per chunk of a batch: the vectors of one chunk are computed while the
/// previous one is written.
const CHUNK: usize = 100;

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

/// Whether a write is audited: restores copy records as another store holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audit {
    Yes,
    No,
}

/// Writes every record, then deletes `deletes`, in one transaction, each checked with
/// `rights::check_write`/`check_delete` against the stored record: all or none.
pub(crate) async fn write_all(
    pool: &Pool,
    mut records: Vec<Prepared>,
    deletes: &[RecordId],
    actor: &Viewer,
    audit: Audit,
) -> Result<BulkSummary> {
    // A stable sort: the writes of one id keep their order across rounds.
    records.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let mut client = pool.get("writing records").await?;
    // Never waits: when every connection is busy, the transaction computes the vectors.
    // (A second helper, each computing half of a chunk, measured no faster on two cores.)
    let helper = if records.len() > CHUNK {
        pool.try_get().await
    } else {
        None
    };
    let tx = client
        .transaction()
        .await
        .map_err(|e| Error::Pg(e, "starting a write transaction"))?;
    // Microseconds: what the `created`/`updated` columns keep, so the JSON agrees.
    let now = Utc::now().trunc_subsecs(6);
    let mut summary = BulkSummary::default();
    let mut lines = Vec::with_capacity(records.len());
    let mut lost_rounds = 0;
    let written = records.len();
    while !records.is_empty() {
        let (round, later) = first_of_each_id(records);
        let lost = write_round(
            &tx,
            helper.as_ref(),
            round,
            now,
            actor,
            &mut summary,
            &mut lines,
        )
        .await?;
        if !lost.is_empty() {
            lost_rounds += 1;
            if lost_rounds > RACE_RETRIES {
                return Err(Error::Conflict(format!(
                    "record {} is being written by others; try again",
                    lost[0].id
                )));
            }
        }
        records = lost;
        records.extend(later);
        records.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    }
    for id in deletes {
        if let Some(line) = super::rights::delete_in(&tx, id.as_str(), None, actor).await? {
            summary.deleted += 1;
            lines.push(line);
        }
    }
    if audit == Audit::Yes {
        audit::append(&tx, actor.subject(), &lines).await?;
    }
    tx.commit()
        .await
        .map_err(|e| Error::Pg(e, "committing a write"))?;
    if written >= STATS_CHECK_BATCH {
        // The write is committed: a failed analysis must not report it as failed.
        if let Err(e) = stats::refresh_if_stale(&mut client).await {
            tracing::warn!(error = %e, "could not refresh the planner statistics");
        }
    }
    Ok(summary)
}

/// Splits records sorted by id into the first write of each id and the later ones.
fn first_of_each_id(records: Vec<Prepared>) -> (Vec<Prepared>, Vec<Prepared>) {
    let mut round: Vec<Prepared> = Vec::with_capacity(records.len());
    let mut later = Vec::new();
    for p in records {
        if round.last().is_some_and(|last| last.id == p.id) {
            later.push(p);
        } else {
            round.push(p);
        }
    }
    (round, later)
}

/// Writes records with distinct ids: locks the stored ones, checks each, then writes
/// the batch. Returns the records whose insert lost a race, to write again.
async fn write_round(
    tx: &deadpool_postgres::Transaction<'_>,
    helper: Option<&deadpool_postgres::Object>,
    round: Vec<Prepared>,
    now: DateTime<Utc>,
    actor: &Viewer,
    summary: &mut BulkSummary,
    lines: &mut Vec<AuditLine>,
) -> Result<Vec<Prepared>> {
    let ids: Vec<&str> = round.iter().map(|p| p.id.as_str()).collect();
    let mut stored = rows::lock_stored(tx, &ids).await?;
    let mut round = round;
    kept::merge_edits(tx, &mut round, &stored).await?;
    let mut inserts = Vec::new();
    let mut updates = Vec::new();
    for p in round {
        let existing = stored.remove(p.id.as_str());
        // Rights before versions: a caller who may not write learns nothing more.
        rights::check_write(
            actor,
            existing.as_ref().map(|s| &s.info),
            &p.new.record.catalogue,
        )
        .map_err(|d| denied(p.id.as_str(), d))?;
        crate::store::check_expected(&p.id, p.expected, existing.as_ref().map(|s| s.version))?;
        let stamps = stamps(&p, existing.as_ref(), now)?;
        match existing {
            Some(s) => updates.push((s.rid, p, stamps)),
            None => inserts.push((p, stamps)),
        }
    }
    let chunks: Vec<Chunk<'_>> = updates
        .chunks(CHUNK)
        .map(Chunk::Update)
        .chain(inserts.chunks(CHUNK).map(Chunk::Insert))
        .collect();
    let mut inserted = HashMap::new();
    match helper {
        Some(helper) if chunks.len() > 1 => {
            // Chunk i is written while the helper computes the vectors of chunk i + 1.
            let mut vectors = chunk_vectors(helper, &chunks[0]).await?;
            for (i, chunk) in chunks.iter().enumerate() {
                let next = async {
                    match chunks.get(i + 1) {
                        Some(c) => chunk_vectors(helper, c).await,
                        None => Ok(Vec::new()),
                    }
                };
                let (next, ()) =
                    tokio::try_join!(next, write_chunk(tx, chunk, &vectors, &mut inserted))?;
                vectors = next;
            }
        }
        _ => {
            for chunk in &chunks {
                let vectors = chunk_vectors(tx, chunk).await?;
                write_chunk(tx, chunk, &vectors, &mut inserted).await?;
            }
        }
    }
    let mut done: Vec<AuditLine> = Vec::with_capacity(updates.len() + inserts.len());
    for (_, p, _) in &updates {
        summary.updated += 1;
        done.push(line(p, AuditAction::Update));
    }
    let mut lost = Vec::new();
    for (p, _) in inserts {
        if inserted.contains_key(p.id.as_str()) {
            summary.created += 1;
            done.push(line(&p, AuditAction::Create));
        } else {
            // Another node created the record since the lock query: lock theirs next round.
            lost.push(p);
        }
    }
    // Audit lines in id order, as the records were locked and written.
    done.sort_by(|a, b| a.record_id.cmp(&b.record_id));
    lines.extend(done);
    Ok(lost)
}

/// Part of a round's rewritten or new records.
enum Chunk<'a> {
    Update(&'a [(i64, Prepared, Stamps)]),
    Insert(&'a [(Prepared, Stamps)]),
}

/// The full-text vectors of a chunk's records, in order, computed by `client`.
async fn chunk_vectors(
    client: &impl deadpool_postgres::GenericClient,
    chunk: &Chunk<'_>,
) -> Result<Vec<Vector>> {
    match chunk {
        Chunk::Update(c) => {
            let texts = rows::fts_texts(c.iter().map(|(_, p, _)| p));
            rows::vectors(client, &texts, c.iter().map(|(_, p, _)| p)).await
        }
        Chunk::Insert(c) => {
            let texts = rows::fts_texts(c.iter().map(|(p, _)| p));
            rows::vectors(client, &texts, c.iter().map(|(p, _)| p)).await
        }
    }
}

/// Writes a chunk with its vectors and child rows; adds the rids of the new records
/// inserted.
async fn write_chunk(
    tx: &deadpool_postgres::Transaction<'_>,
    chunk: &Chunk<'_>,
    vectors: &[Vector],
    inserted: &mut HashMap<String, i64>,
) -> Result<()> {
    let written: Vec<(i64, &IndexRow)> = match chunk {
        Chunk::Update(c) => {
            rows::update(tx, c, vectors).await?;
            c.iter().map(|(rid, p, _)| (*rid, &p.row)).collect()
        }
        Chunk::Insert(c) => {
            let new = rows::insert(tx, c, vectors).await?;
            let written = c
                .iter()
                .filter_map(|(p, _)| new.get(p.id.as_str()).map(|rid| (*rid, &p.row)))
                .collect();
            inserted.extend(new);
            written
        }
    };
    rows::insert_children(tx, &written).await?;
    let keywords: Vec<(i64, &[moisson_model::KeywordGroup])> = match chunk {
        Chunk::Update(c) => c
            .iter()
            .map(|(rid, p, _)| (*rid, p.new.record.keywords.as_slice()))
            .collect(),
        Chunk::Insert(c) => c
            .iter()
            .filter_map(|(p, _)| {
                let rid = inserted.get(p.id.as_str())?;
                Some((*rid, p.new.record.keywords.as_slice()))
            })
            .collect(),
    };
    super::thesauri::link_records(tx, &keywords).await
}

fn line(p: &Prepared, action: AuditAction) -> AuditLine {
    AuditLine {
        record_id: p.id.to_string(),
        action,
        status: Some(p.row.status),
    }
}

/// `created`, `updated` and version of a write: a restored record keeps its own; a
/// rewritten one keeps its creation time and goes one version up.
struct Stamps {
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
    version: i64,
}

fn stamps(p: &Prepared, existing: Option<&Stored>, now: DateTime<Utc>) -> Result<Stamps> {
    if let Some(k) = p.kept {
        return Ok(Stamps {
            created: k.created,
            updated: k.updated,
            version: k.version,
        });
    }
    Ok(match existing {
        Some(s) => Stamps {
            created: DateTime::parse_from_rfc3339(&s.created)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| Error::Corrupt(format!("created of {}: {e}", p.id)))?,
            updated: now,
            version: s.version + 1,
        },
        None => Stamps {
            created: now,
            updated: now,
            version: 1,
        },
    })
}

#[cfg(test)]
mod tests {
    use moisson_model::{Anchored, Expr, KeywordGroup, Record, RecordId, SearchQuery, Viewer};

    use super::{CHUNK, prepare, rows};
    use crate::{NewRecord, Store};

    fn record(i: usize, word: &str) -> NewRecord {
        let mut record = Record {
            id: Some(RecordId::parse(format!("r{i:03}")).expect("id")),
            ..Record::default()
        };
        record.title = format!("Carte {word} n°{i}");
        record.abstract_text = format!("Données {word} du secteur {i}, éditées à Montréal.");
        record.keywords.push(KeywordGroup {
            keywords: vec![Anchored::text(word)],
            ..KeywordGroup::default()
        });
        NewRecord {
            record,
            original: None,
        }
    }

    async fn total(store: &dyn Store, words: &str) -> u64 {
        let q = SearchQuery {
            filter: Expr::FullText(words.to_owned()),
            ..SearchQuery::default()
        };
        store
            .search(&q, &Viewer::Admin)
            .await
            .expect("search")
            .total
    }

    /// Batches of several chunks, rewritten and new records together: each row gets
    /// the vector of its own texts, as one statement computing them inline would give.
    #[tokio::test]
    async fn chunked_batches_store_each_record_its_own_vector() {
        let db = moisson_testkit::pg::fresh().await;
        let store = crate::open(db.url()).await.expect("open");
        let n = 2 * CHUNK + CHUNK / 2;
        let first: Vec<_> = (0..n).map(|i| record(i, "inondation")).collect();
        let summary = store.put_many(first, &Viewer::Admin).await.expect("first");
        assert_eq!((summary.created, summary.updated), (n as u64, 0));
        // The last CHUNK + 50 stored records rewritten, CHUNK + 50 new.
        let second: Vec<_> = (n - CHUNK - 50..n + CHUNK + 50)
            .map(|i| record(i, "érosion"))
            .collect();
        let written = prepare(second.clone()).expect("prepare");
        let summary = store
            .put_many(second, &Viewer::Admin)
            .await
            .expect("second");
        assert_eq!((summary.created, summary.updated), (150, 150));
        assert_eq!(total(store.as_ref(), "inondation").await, 100);
        assert_eq!(total(store.as_ref(), "inondations carte").await, 100);
        assert_eq!(total(store.as_ref(), "erosion").await, 300);
        assert_eq!(total(store.as_ref(), "inondation n°123").await, 0);
        assert_eq!(total(store.as_ref(), "érosion 333").await, 1);

        let ids: Vec<&str> = written.iter().map(|p| p.id.as_str()).collect();
        let [a, b, c, d] = rows::fts_texts(written.iter());
        let (client, conn) = tokio_postgres::connect(db.url(), tokio_postgres::NoTls)
            .await
            .expect("connect");
        let task = tokio::spawn(conn);
        let same: i64 = client
            .query_one(
                "SELECT count(*) FROM records r
                 JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                     AS u (id, a, b, c, d) ON r.id = u.id
                 WHERE r.fts = moisson_tsvector(u.a, u.b, u.c, u.d)",
                &[&ids, &a, &b, &c, &d],
            )
            .await
            .expect("compare")
            .get(0);
        assert_eq!(same, 300);
        drop(client);
        let _ = task.await;
    }
}
