//! The exact total and the facet counts of a search in ONE statement: the compiled
//! WHERE clause (the viewer's visibility included, so no facet can see a record the
//! viewer cannot) is evaluated once into a materialised match set `m`, which is counted
//! and grouped once per facet. Mirrors `sqlite/facets.rs`.

use moisson_model::{Facet, FacetBucket, FacetField};
use tokio_postgres::GenericClient;

use super::compile::Compiled;
use super::params::Param;
use crate::{Error, Result};

/// `(value expression, FROM …)` over the match set `m`: a child table's values join it
/// on `rid`; the record columns facets group were copied into it.
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

/// The number of matches and the asked facets (most frequent first, then by value in
/// byte order, at most `limit` buckets each).
pub(crate) async fn total_and_facets(
    client: &impl GenericClient,
    c: &Compiled,
    fields: &[FacetField],
    limit: u32,
) -> Result<(u64, Vec<Facet>)> {
    let mut params = c.params.clone();
    if fields.is_empty() {
        // Nothing to group: a plain count lets the planner skip the match set.
        let sql = format!("SELECT count(*) FROM records r WHERE {}", c.where_sql);
        let n: i64 = client
            .query_one(&sql, &params.refs())
            .await
            .map_err(|e| Error::Pg(e, "counting matches"))?
            .get(0);
        return Ok((to_u64(n), Vec::new()));
    }
    let limit_p = params.bind(Param::Int(i64::from(limit)));
    // Branch -1 is the total (one row, value NULL); branch i the i-th facet, each
    // limited on the server so a facet with many values sends only its top buckets.
    let mut branches = vec!["SELECT -1 AS f, NULL::text AS v, count(*) AS n FROM m".to_owned()];
    branches.extend(fields.iter().enumerate().map(|(i, &field)| {
        let (value, from) = source(field);
        format!(
            "(SELECT {i} AS f, {value} AS v, count(*) AS n FROM {from} WHERE {value} IS NOT NULL \
             GROUP BY v ORDER BY n DESC, v LIMIT {limit_p})"
        )
    }));
    let sql = format!(
        "WITH m AS MATERIALIZED (SELECT r.rid, r.type, r.owner_org FROM records r WHERE {}) {}",
        c.where_sql,
        branches.join(" UNION ALL ")
    );
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(|e| Error::Pg(e, "counting facets"))?;
    let mut total = 0;
    let mut buckets: Vec<Vec<FacetBucket>> = vec![Vec::new(); fields.len()];
    for row in &rows {
        let f: i32 = row.get(0);
        let n = to_u64(row.get(2));
        match usize::try_from(f).ok().and_then(|i| buckets.get_mut(i)) {
            Some(b) => b.push(FacetBucket {
                value: row.get(1),
                count: n,
            }),
            None => total = n,
        }
    }
    let facets = fields
        .iter()
        .zip(buckets)
        .map(|(&field, mut b)| {
            // UNION ALL keeps no order: sort again as each branch did (byte order = "C").
            b.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.value.cmp(&y.value)));
            Facet { field, buckets: b }
        })
        .collect();
    Ok((total, facets))
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
