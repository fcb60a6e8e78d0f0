//! Reads: get, count, ids and search (page, exact total, facets) on one snapshot.

use moisson_model::{
    DocumentFormat, OriginalDocument, Record, RecordId, SearchQuery, SortField, SortKey, Viewer,
};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use super::codec;
use super::compile::{Compiled, compile, visibility_sql};
use super::facets::facets;
use crate::{Error, Result, SearchPage, StoredRecord};

const COLUMNS: &str = "r.id, r.doc, r.original, r.original_format, r.version, r.original_codec";
/// Column weights of `bm25` in table order: title, alt_titles, abstract, keywords, other.
const BM25: &str = "bm25(records_fts, 10.0, 5.0, 1.0, 4.0, 0.5)";

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

pub(crate) fn get(conn: &Connection, id: &str, viewer: &Viewer) -> Result<Option<StoredRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM records r WHERE r.id = ?1 AND {}",
        visibility_sql(viewer)
    );
    let raw = conn
        .prepare_cached(&sql)
        .and_then(|mut s| s.query_row([id], raw_row).optional())
        .map_err(sql_err("reading a record"))?;
    raw.map(decode).transpose()
}

pub(crate) fn count(conn: &Connection, viewer: &Viewer) -> Result<u64> {
    let sql = format!(
        "SELECT count(*) FROM records r WHERE {}",
        visibility_sql(viewer)
    );
    conn.query_row(&sql, [], |r| r.get::<_, i64>(0))
        .map(to_u64)
        .map_err(sql_err("counting records"))
}

pub(crate) fn ids(conn: &Connection, viewer: &Viewer) -> Result<Vec<RecordId>> {
    let sql = format!(
        "SELECT r.id FROM records r WHERE {} ORDER BY r.id",
        visibility_sql(viewer)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err("listing identifiers"))?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("listing identifiers"))?;
    ids.into_iter()
        .map(|id| RecordId::parse(id).map_err(|e| Error::Corrupt(e.to_string())))
        .collect()
}

pub(crate) fn search(
    conn: &Connection,
    query: &SearchQuery,
    viewer: &Viewer,
) -> Result<SearchPage> {
    let compiled = compile(&query.filter, viewer)?;
    // One read transaction: page, total and facets see the same snapshot.
    let tx = conn
        .unchecked_transaction()
        .map_err(sql_err("starting a read"))?;
    let total_sql = format!(
        "SELECT count(*) FROM records r WHERE {}",
        compiled.where_sql
    );
    let total = tx
        .query_row(&total_sql, params_from_iter(&compiled.params), |r| {
            r.get::<_, i64>(0)
        })
        .map(to_u64)
        .map_err(sql_err("counting matches"))?;
    let records = if query.limit == 0 {
        Vec::new()
    } else {
        page(&tx, &compiled, query)?
    };
    let facets = facets(&tx, &compiled, &query.facets, query.facet_limit)?;
    tx.commit().map_err(sql_err("ending a read"))?;
    Ok(SearchPage {
        records,
        total,
        facets,
    })
}

fn page(conn: &Connection, c: &Compiled, query: &SearchQuery) -> Result<Vec<StoredRecord>> {
    let mut params = c.params.clone();
    let mut bind = |v: SqlValue| {
        params.push(v);
        format!("?{}", params.len())
    };
    let wants_rank =
        query.sort.is_empty() || query.sort.iter().any(|k| k.field == SortField::Relevance);
    // The ranking is computed once (a materialised CTE), not once per candidate row.
    let (with, join, ranked) = match c.rank_query.as_ref().filter(|_| wants_rank) {
        Some(q) => {
            let p = bind(SqlValue::Text(q.clone()));
            let with = format!(
                "WITH f AS MATERIALIZED (SELECT rowid AS rid, {BM25} AS score FROM records_fts WHERE records_fts MATCH {p}) "
            );
            (with, "LEFT JOIN f ON f.rid = r.rid", true)
        }
        None => (String::new(), "", false),
    };
    let limit = bind(SqlValue::Integer(i64::from(query.limit)));
    let offset = bind(SqlValue::Integer(
        i64::try_from(query.offset).unwrap_or(i64::MAX),
    ));
    let sql = format!(
        "{with}SELECT {COLUMNS} FROM records r {join} WHERE {} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        c.where_sql,
        order_by(&query.sort, ranked)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err("preparing a search"))?;
    let raws = stmt
        .query_map(params_from_iter(&params), raw_row)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("searching"))?;
    raws.into_iter().map(decode).collect()
}

/// ORDER BY from fixed column names only; ties broken by id for stable paging.
fn order_by(sort: &[SortKey], ranked: bool) -> String {
    const RANK: &str = "f.score IS NULL, f.score";
    if sort.is_empty() {
        return if ranked {
            format!("{RANK}, r.id")
        } else {
            "r.id".to_owned()
        };
    }
    let mut keys: Vec<String> = sort
        .iter()
        .map(|k| {
            let col = match k.field {
                SortField::Relevance if ranked => return RANK.to_owned(),
                SortField::Relevance | SortField::Title => "r.title_sort",
                SortField::Identifier => "r.id",
                SortField::Modified => "r.date_stamp",
                SortField::Created => "r.created",
                SortField::Updated => "r.updated",
                SortField::Type => "r.type",
                SortField::PublicationDate => "r.publication_date",
            };
            let dir = if k.descending { " DESC" } else { "" };
            // Records without the value come last in either direction.
            format!("{col} IS NULL, {col}{dir}")
        })
        .collect();
    keys.push("r.id".to_owned());
    keys.join(", ")
}

type RawRow = (
    String,
    String,
    Option<Vec<u8>>,
    Option<String>,
    i64,
    Option<String>,
);

fn raw_row(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn decode((id, doc, original, format, version, codec): RawRow) -> Result<StoredRecord> {
    let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
    let mut record: Record = serde_json::from_str(&doc).map_err(|e| corrupt(e.to_string()))?;
    record.id = Some(RecordId::parse(id.as_str()).map_err(|e| corrupt(e.to_string()))?);
    let original = original
        .map(|o| codec::decode(o, codec.as_deref()))
        .transpose()
        .map_err(|e| corrupt(e.to_string()))?;
    let original = match (original, format.as_deref()) {
        (Some(bytes), Some("iso19139")) => Some(OriginalDocument {
            format: DocumentFormat::Iso19139,
            bytes,
        }),
        (Some(bytes), Some("dublincore")) => Some(OriginalDocument {
            format: DocumentFormat::DublinCore,
            bytes,
        }),
        (None, _) => None,
        (Some(_), other) => return Err(corrupt(format!("unknown original format {other:?}"))),
    };
    Ok(StoredRecord {
        record,
        original,
        version,
    })
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
