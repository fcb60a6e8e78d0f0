//! Facet counts over the same compiled WHERE clause as the page and the total, so they
//! can never see a record the viewer cannot.

use moisson_model::{Facet, FacetBucket, FacetField};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};

use super::compile::Compiled;
use crate::{Error, Result};

/// `(value expression, FROM … WHERE prefix)`: a child table's values are restricted to
/// matching records with `c.rid IN (…)`; record columns group the matches directly.
fn source(field: FacetField) -> (&'static str, &'static str) {
    match field {
        FacetField::Keyword => ("c.text", "record_keywords c WHERE c.rid IN"),
        FacetField::Format => ("c.name", "record_formats c WHERE c.rid IN"),
        FacetField::Licence => ("c.text", "record_licences c WHERE c.rid IN"),
        FacetField::TopicCategory => ("c.value", "record_topics c WHERE c.rid IN"),
        FacetField::Type => ("r.type", ""),
        FacetField::Organisation => ("r.owner_org", ""),
    }
}

pub(crate) fn facets(
    conn: &Connection,
    c: &Compiled,
    fields: &[FacetField],
    limit: u32,
) -> Result<Vec<Facet>> {
    fields
        .iter()
        .map(|&field| facet(conn, c, field, limit))
        .collect()
}

fn facet(conn: &Connection, c: &Compiled, field: FacetField, limit: u32) -> Result<Facet> {
    let (value, from) = source(field);
    let mut params = c.params.clone();
    params.push(SqlValue::Integer(i64::from(limit)));
    let limit_p = format!("?{}", params.len());
    let sql = if from.is_empty() {
        format!(
            "SELECT {value} AS v, count(*) AS n FROM records r WHERE {} AND {value} IS NOT NULL \
             GROUP BY v ORDER BY n DESC, v LIMIT {limit_p}",
            c.where_sql
        )
    } else {
        format!(
            "SELECT {value} AS v, count(*) AS n FROM {from} (SELECT r.rid FROM records r WHERE {}) \
             GROUP BY v ORDER BY n DESC, v LIMIT {limit_p}",
            c.where_sql
        )
    };
    let err = |e| Error::Sqlite(e, "counting facets");
    let mut stmt = conn.prepare(&sql).map_err(err)?;
    let buckets = stmt
        .query_map(params_from_iter(&params), |r| {
            Ok(FacetBucket {
                value: r.get(0)?,
                count: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            })
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(err)?;
    Ok(Facet { field, buckets })
}
