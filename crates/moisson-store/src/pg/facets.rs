//! Facet counts over the same compiled WHERE clause as the page and the total, so they
//! can never see a record the viewer cannot.

use moisson_model::{Facet, FacetBucket, FacetField};
use tokio_postgres::GenericClient;

use super::compile::Compiled;
use super::params::Param;
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

pub(crate) async fn facets(
    client: &impl GenericClient,
    c: &Compiled,
    fields: &[FacetField],
    limit: u32,
) -> Result<Vec<Facet>> {
    let mut out = Vec::with_capacity(fields.len());
    for &field in fields {
        out.push(facet(client, c, field, limit).await?);
    }
    Ok(out)
}

async fn facet(
    client: &impl GenericClient,
    c: &Compiled,
    field: FacetField,
    limit: u32,
) -> Result<Facet> {
    let (value, from) = source(field);
    let mut params = c.params.clone();
    let limit_p = params.bind(Param::Int(i64::from(limit)));
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
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(|e| Error::Pg(e, "counting facets"))?;
    let buckets = rows
        .iter()
        .map(|r| FacetBucket {
            value: r.get(0),
            count: u64::try_from(r.get::<_, i64>(1)).unwrap_or(0),
        })
        .collect();
    Ok(Facet { field, buckets })
}
