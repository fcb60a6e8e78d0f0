//! `Store::represented_after` and `Store::keep_representations` (`representations.rs`).

use moisson_model::{Record, RecordId, Viewer};
use tokio_postgres::types::Json;

use super::params::{Param, Params};
use super::pool::Pool;
use super::visibility::visibility_clause;
use crate::representations::parse_updated;
use crate::{Error, Representation, RepresentationKind, Represented, Result};

fn pg_err(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

/// One keyset page in id order: the kept document when current, else the record (the
/// document column is only detoasted for the rows that need it). Each record's document
/// is looked up by primary key (a `LATERAL … LIMIT 1` the planner cannot turn into a
/// join): as a plain join, a plan made while a kind had no rows yet read the whole
/// table once per page as the walk filled it (95 s instead of 4 s at 100 000 records).
pub(crate) async fn represented_after(
    pool: &Pool,
    after: Option<&str>,
    limit: u32,
    viewer: &Viewer,
    kind: RepresentationKind<'_>,
) -> Result<Vec<Represented>> {
    let what = "reading records and their kept documents";
    let client = pool.get(what).await?;
    let mut params = Params::default();
    let name = params.bind(Param::Text(kind.kind.to_owned()));
    let fingerprint = params.bind(Param::Text(kind.fingerprint.to_owned()));
    let visible = visibility_clause(viewer, &mut params);
    let after = match after {
        Some(a) => format!(" AND r.id > {}", params.bind(Param::Text(a.to_owned()))),
        None => String::new(),
    };
    let limit = params.bind(Param::Int(i64::from(limit)));
    let sql = format!(
        "SELECT r.id, r.version, r.updated, p.body, CASE WHEN p.body IS NULL THEN r.doc END \
         FROM records r LEFT JOIN LATERAL ( \
           SELECT body FROM representations p \
           WHERE p.rid = r.rid AND p.kind = {name} AND p.fingerprint = {fingerprint} \
             AND p.version = r.version LIMIT 1) p ON TRUE \
         WHERE {visible}{after} ORDER BY r.id LIMIT {limit}"
    );
    let stmt = client.prepare_cached(&sql).await.map_err(pg_err(what))?;
    let rows = client
        .query(&stmt, &params.refs())
        .await
        .map_err(pg_err(what))?;
    rows.iter()
        .map(|row| {
            let id: &str = row.get(0);
            let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
            let record_id = RecordId::parse(id).map_err(|e| corrupt(e.to_string()))?;
            if let Some(body) = row.get::<_, Option<Vec<u8>>>(3) {
                return Ok(Represented::Kept {
                    id: record_id,
                    updated: parse_updated(row.get(2)),
                    body,
                });
            }
            let Json(mut record): Json<Record> =
                row.try_get(4).map_err(|e| corrupt(e.to_string()))?;
            record.id = Some(record_id);
            Ok(Represented::Fresh {
                record: Box::new(record),
                version: row.get(1),
            })
        })
        .collect()
}

/// Keeps each document whose record still has the version it was made from, in one
/// statement; the others (written or deleted since) are dropped.
pub(crate) async fn keep(
    pool: &Pool,
    kind: RepresentationKind<'_>,
    made: &[Representation],
) -> Result<()> {
    let what = "keeping derived documents";
    let client = pool.get(what).await?;
    let ids: Vec<&str> = made.iter().map(|m| m.id.as_str()).collect();
    let versions: Vec<i64> = made.iter().map(|m| m.version).collect();
    let bodies: Vec<&[u8]> = made.iter().map(|m| m.body.as_slice()).collect();
    client
        .execute(
            "INSERT INTO representations (rid, kind, fingerprint, version, body) \
             SELECT r.rid, $1, $2, r.version, m.body \
             FROM unnest($3::text[], $4::int8[], $5::bytea[]) AS m (id, version, body) \
             JOIN records r ON r.id = m.id AND r.version = m.version \
             ON CONFLICT (rid, kind) DO UPDATE SET fingerprint = excluded.fingerprint, \
               version = excluded.version, body = excluded.body, codec = NULL",
            &[&kind.kind, &kind.fingerprint, &ids, &versions, &bodies],
        )
        .await
        .map_err(pg_err(what))?;
    Ok(())
}
