//! Facet counts over the same compiled WHERE clause as the page and the total, so they
//! can never see a record the viewer cannot.

use moisson_model::{Facet, FacetBucket, FacetField};
use rusqlite::{Connection, params_from_iter};

use super::compile::Compiled;
use crate::{Error, Result};

/// `(value expression, FROM … )` over the materialised match set `m`: a child table's
/// values join it; record columns were copied into it.
fn source(field: FacetField) -> (&'static str, &'static str) {
    match field {
        FacetField::Keyword => ("c.text", "record_keywords c JOIN m ON m.rid = c.rid"),
        FacetField::Format => ("c.name", "record_formats c JOIN m ON m.rid = c.rid"),
        FacetField::Licence => ("c.text", "record_licences c JOIN m ON m.rid = c.rid"),
        FacetField::TopicCategory => ("c.value", "record_topics c JOIN m ON m.rid = c.rid"),
        FacetField::Type => ("m.type", "m"),
        FacetField::Organisation => ("m.owner_org", "m"),
    }
}

/// Counts every asked facet in ONE statement: the filter is evaluated once into a
/// materialised CTE, then each facet groups it (a `UNION ALL` branch per facet).
pub(crate) fn facets(
    conn: &Connection,
    c: &Compiled,
    fields: &[FacetField],
    limit: u32,
) -> Result<Vec<Facet>> {
    if fields.is_empty() {
        return Ok(Vec::new());
    }
    let branches: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, &field)| {
            let (value, from) = source(field);
            format!(
                "SELECT {i} AS f, {value} AS v, count(*) AS n FROM {from} \
                 WHERE {value} IS NOT NULL GROUP BY v"
            )
        })
        .collect();
    let sql = format!(
        "WITH m AS MATERIALIZED (SELECT r.rid, r.type, r.owner_org FROM records r WHERE {}) {}",
        c.where_sql,
        branches.join(" UNION ALL ")
    );
    let err = |e| Error::Sqlite(e, "counting facets");
    let mut stmt = conn.prepare(&sql).map_err(err)?;
    let rows = stmt
        .query_map(params_from_iter(&c.params), |r| {
            let count = u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0);
            Ok((
                r.get::<_, usize>(0)?,
                FacetBucket {
                    value: r.get(1)?,
                    count,
                },
            ))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(err)?;
    let mut buckets: Vec<Vec<FacetBucket>> = vec![Vec::new(); fields.len()];
    for (i, bucket) in rows {
        buckets[i].push(bucket);
    }
    Ok(fields
        .iter()
        .zip(buckets)
        .map(|(&field, mut b)| {
            // Most frequent first, then by value (SQLite's BINARY order is byte order).
            b.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.value.cmp(&y.value)));
            b.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            Facet { field, buckets: b }
        })
        .collect())
}
