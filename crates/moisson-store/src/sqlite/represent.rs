//! `Store::represented_after` and `Store::keep_representations` (`representations.rs`).

use moisson_model::Viewer;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, params_from_iter};

use super::codec::{self, Packer, Unpacker};
use super::pool::WRITER_CACHE_KIB;

/// The writer's page cache while keeping documents (`PRAGMA cache_size`, negative: KiB).
const KEEP_CACHE_KIB: i64 = -2048;
use super::read::decode_doc;
use super::visibility::visibility_sql;
use crate::representations::parse_updated;
use crate::{Error, Representation, RepresentationKind, Represented, Result};

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

/// One keyset page in id order: the kept document when current, else the record. The
/// document column is only read for the rows that need it (SQLite reads a column's
/// overflow pages when the column is asked for).
pub(crate) fn represented_after(
    conn: &Connection,
    after: Option<&str>,
    limit: u32,
    viewer: &Viewer,
    kind: RepresentationKind<'_>,
) -> Result<Vec<Represented>> {
    let mut params = vec![
        SqlValue::Text(kind.kind.to_owned()),
        SqlValue::Text(kind.fingerprint.to_owned()),
    ];
    let visible = visibility_sql(viewer, &mut params);
    let after = match after {
        Some(a) => {
            params.push(SqlValue::Text(a.to_owned()));
            format!(" AND r.id > ?{}", params.len())
        }
        None => String::new(),
    };
    params.push(SqlValue::Integer(i64::from(limit)));
    let sql = format!(
        "SELECT r.id, r.version, r.updated, p.body, p.codec, \
                CASE WHEN p.body IS NULL THEN r.doc END \
         FROM records r LEFT JOIN representations p \
           ON p.rid = r.rid AND p.kind = ?1 AND p.fingerprint = ?2 AND p.version = r.version \
         WHERE {visible}{after} ORDER BY r.id LIMIT ?{}",
        params.len()
    );
    let what = "reading records and their kept documents";
    let mut stmt = conn.prepare_cached(&sql).map_err(sql_err(what))?;
    let mut rows = stmt
        .query(params_from_iter(&params))
        .map_err(sql_err(what))?;
    let mut out = Vec::with_capacity(limit.min(1000) as usize);
    let mut unpacker = Unpacker::new();
    while let Some(row) = rows.next().map_err(sql_err(what))? {
        let id: String = row.get(0).map_err(sql_err(what))?;
        let version: i64 = row.get(1).map_err(sql_err(what))?;
        match row.get_ref(3).map_err(sql_err(what))? {
            ValueRef::Blob(body) => {
                let updated: String = row.get(2).map_err(sql_err(what))?;
                let codec: Option<String> = row.get(4).map_err(sql_err(what))?;
                let id = moisson_model::RecordId::parse(id)
                    .map_err(|e| Error::Corrupt(e.to_string()))?;
                out.push(Represented::Kept {
                    id,
                    updated: parse_updated(&updated),
                    body: unpacker.decode(body, codec.as_deref())?,
                });
            }
            _ => {
                let doc = row
                    .get_ref(5)
                    .and_then(|v| v.as_str().map_err(rusqlite::Error::from))
                    .map_err(sql_err(what))?;
                out.push(Represented::Fresh {
                    record: Box::new(decode_doc(&id, doc)?),
                    version,
                });
            }
        }
    }
    Ok(out)
}

/// Compresses the documents before the writer is taken (see `codec.rs`).
pub(crate) fn pack(made: &[Representation]) -> Vec<codec::Encoded> {
    let mut packer = Packer::new();
    made.iter().map(|m| packer.encode(&m.body)).collect()
}

/// Keeps each document whose record still has the version it was made from, in one
/// transaction; the others (written or deleted since) are dropped.
///
/// For this transaction only, the writer connection neither syncs its commit
/// (`synchronous = NORMAL`: a kept document lost to a power cut is only made again, and
/// the next synced commit of a record write syncs it) nor keeps a large page cache: the
/// 64 MiB an import's working set needs would fill with pages of kept documents, most of
/// an export's peak memory (measured: 280 MB at 100 000 records).
pub(crate) fn keep(
    conn: &mut Connection,
    kind: RepresentationKind<'_>,
    made: &[Representation],
    packed: Vec<codec::Encoded>,
) -> Result<()> {
    let what = "keeping derived documents";
    conn.execute_batch(&format!(
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = {KEEP_CACHE_KIB};"
    ))
    .map_err(sql_err(what))?;
    let kept = insert(conn, kind, made, packed);
    let restored = conn
        .execute_batch(&format!(
            "PRAGMA synchronous = FULL; PRAGMA cache_size = {WRITER_CACHE_KIB};"
        ))
        .map_err(sql_err(what));
    kept.and(restored)
}

fn insert(
    conn: &mut Connection,
    kind: RepresentationKind<'_>,
    made: &[Representation],
    packed: Vec<codec::Encoded>,
) -> Result<()> {
    let what = "keeping derived documents";
    let tx = conn.transaction().map_err(sql_err(what))?;
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO representations (rid, kind, fingerprint, version, body, codec) \
                 SELECT rid, ?2, ?3, version, ?5, ?6 FROM records WHERE id = ?1 AND version = ?4 \
                 ON CONFLICT (rid, kind) DO UPDATE SET fingerprint = excluded.fingerprint, \
                   version = excluded.version, body = excluded.body, codec = excluded.codec",
            )
            .map_err(sql_err(what))?;
        for (m, e) in made.iter().zip(packed) {
            stmt.execute(rusqlite::params![
                m.id.as_str(),
                kind.kind,
                kind.fingerprint,
                m.version,
                e.bytes,
                e.codec
            ])
            .map_err(sql_err(what))?;
        }
    }
    tx.commit().map_err(sql_err(what))
}
