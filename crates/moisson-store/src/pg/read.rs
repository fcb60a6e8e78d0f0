//! Reads: get, count, ids, records by id (keyset pages) and search (page, exact total, facets) on one snapshot.

use moisson_model::{
    DocumentFormat, Expr, OriginalDocument, Record, RecordId, SearchQuery, SortField, SortKey,
    Viewer,
};
use tokio_postgres::types::Json;
use tokio_postgres::{GenericClient, IsolationLevel, Row};

use super::compile::{Compiled, compile};
use super::facets::total_and_facets;
use super::params::{Param, Params};
use super::pool::Pool;
use super::text::tsquery;
use super::visibility::visibility_clause;
use crate::summaries::{self, Summaries};
use crate::{Error, Result, SearchPage, StoredRecord};

const COLUMNS: &str = "r.id, r.doc, r.original, r.original_format, r.version";

fn pg_err(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

pub(crate) async fn get(pool: &Pool, id: &str, viewer: &Viewer) -> Result<Option<StoredRecord>> {
    let client = pool.get("reading a record").await?;
    let mut params = Params::default();
    let id = params.bind(Param::Text(id.to_owned()));
    let sql = format!(
        "SELECT {COLUMNS} FROM records r WHERE r.id = {id} AND {}",
        visibility_clause(viewer, &mut params)
    );
    let stmt = client
        .prepare_cached(&sql)
        .await
        .map_err(pg_err("reading a record"))?;
    let row = client
        .query_opt(&stmt, &params.refs())
        .await
        .map_err(pg_err("reading a record"))?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn count(pool: &Pool, viewer: &Viewer) -> Result<u64> {
    let client = pool.get("counting records").await?;
    let mut params = Params::default();
    let sql = format!(
        "SELECT count(*) FROM records r WHERE {}",
        visibility_clause(viewer, &mut params)
    );
    let n: i64 = client
        .query_one(&sql, &params.refs())
        .await
        .map_err(pg_err("counting records"))?
        .get(0);
    Ok(to_u64(n))
}

pub(crate) async fn ids(pool: &Pool, viewer: &Viewer) -> Result<Vec<RecordId>> {
    let client = pool.get("listing identifiers").await?;
    let mut params = Params::default();
    let sql = format!(
        "SELECT r.id FROM records r WHERE {} ORDER BY r.id",
        visibility_clause(viewer, &mut params)
    );
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(pg_err("listing identifiers"))?;
    rows.iter()
        .map(|r| RecordId::parse(r.get::<_, &str>(0)).map_err(|e| Error::Corrupt(e.to_string())))
        .collect()
}

/// `Store::records_after`: the `doc` column only (never the original), no count.
pub(crate) async fn records_after(
    pool: &Pool,
    after: Option<&str>,
    limit: u32,
    viewer: &Viewer,
) -> Result<Vec<Record>> {
    let client = pool.get("reading records by id").await?;
    let mut params = Params::default();
    let visible = visibility_clause(viewer, &mut params);
    let after = match after {
        Some(a) => format!(" AND r.id > {}", params.bind(Param::Text(a.to_owned()))),
        None => String::new(),
    };
    let limit = params.bind(Param::Int(i64::from(limit)));
    let sql = format!(
        "SELECT r.id, r.doc FROM records r WHERE {visible}{after} ORDER BY r.id LIMIT {limit}"
    );
    let stmt = client
        .prepare_cached(&sql)
        .await
        .map_err(pg_err("reading records by id"))?;
    let rows = client
        .query(&stmt, &params.refs())
        .await
        .map_err(pg_err("reading records by id"))?;
    rows.iter()
        .map(|row| {
            let id: &str = row.get(0);
            let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
            let Json(mut record): Json<Record> =
                row.try_get(1).map_err(|e| corrupt(e.to_string()))?;
            record.id = Some(RecordId::parse(id).map_err(|e| corrupt(e.to_string()))?);
            Ok(record)
        })
        .collect()
}

pub(crate) async fn search(
    pool: &Pool,
    summaries: &Summaries,
    query: &SearchQuery,
    viewer: &Viewer,
) -> Result<SearchPage> {
    let compiled = compile(&query.filter, viewer)?;
    let mut client = pool.get("searching").await?;
    // One read-only snapshot: page, total and facets see the same records.
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
        .map_err(pg_err("starting a read"))?;
    // The catalogue's generation in this snapshot: the total, facets and ranked windows
    // computed at it hold until a write raises it (`summaries.rs`).
    let generation: i64 = tx
        .query_one("SELECT generation FROM catalogue_state", &[])
        .await
        .map_err(pg_err("reading the catalogue generation"))?
        .get(0);
    let records = if query.limit == 0 {
        Vec::new()
    } else {
        let window = Window {
            summaries,
            generation,
            viewer,
        };
        page(&*tx, &compiled, query, &window).await?
    };
    let key = summaries::key(&compiled.where_sql, &compiled.params, query);
    let (total, facets) = match summaries.totals.get(generation, &key) {
        Some(summary) => summary,
        None => {
            let summary =
                total_and_facets(&*tx, &compiled, &query.facets, query.facet_limit).await?;
            summaries.totals.put(generation, key, summary.clone());
            summary
        }
    };
    tx.commit().await.map_err(pg_err("ending a read"))?;
    Ok(SearchPage {
        records,
        total,
        facets,
    })
}

/// Where a ranked page may come from instead of ranking every match again.
struct Window<'a> {
    summaries: &'a Summaries,
    generation: i64,
    viewer: &'a Viewer,
}

async fn page(
    client: &impl GenericClient,
    c: &Compiled,
    query: &SearchQuery,
    window: &Window<'_>,
) -> Result<Vec<StoredRecord>> {
    let mut params = c.params.clone();
    let wants_rank =
        query.sort.is_empty() || query.sort.iter().any(|k| k.field == SortField::Relevance);
    // The tsquery is parsed once (a one-row CTE), not once per candidate row.
    let (with, join, ranked) = if wants_rank && !c.rank_terms.is_empty() {
        let any: Vec<String> = c.rank_terms.iter().map(|t| t.sql(&mut params)).collect();
        let with = format!("WITH q AS (SELECT {} AS q) ", any.join(" || "));
        (with, "CROSS JOIN q", true)
    } else {
        (String::new(), "", false)
    };
    let ordered = |columns: &str| {
        format!(
            "{with}SELECT {columns} FROM records r {join} WHERE {} ORDER BY {}",
            c.where_sql,
            order_by(&query.sort, ranked.then(|| rank(&query.filter)))
        )
    };
    if ranked && summaries::in_ranked_window(query.offset, query.limit) {
        let ids = ranked_window(client, &ordered("r.id"), params, window).await?;
        let ids = summaries::window_slice(&ids, query.offset, query.limit);
        return records_in_order(client, ids, window.viewer).await;
    }
    let limit = params.bind(Param::Int(i64::from(query.limit)));
    let offset = params.bind(Param::Int(i64::try_from(query.offset).unwrap_or(i64::MAX)));
    let sql = format!("{} LIMIT {limit} OFFSET {offset}", ordered(COLUMNS));
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(pg_err("searching"))?;
    rows.iter().map(decode).collect()
}

/// The first `RANKED_WINDOW` ids of a ranked search (`ids_sql`, ordered, unbounded),
/// kept for the snapshot's generation: the pages of a result list are then read by id
/// instead of ranking every match once per page.
async fn ranked_window(
    client: &impl GenericClient,
    ids_sql: &str,
    mut params: Params,
    window: &Window<'_>,
) -> Result<summaries::RankedIds> {
    let key = summaries::order_key(ids_sql, &params);
    if let Some(ids) = window.summaries.ranked.get(window.generation, &key) {
        return Ok(ids);
    }
    let limit = params.bind(Param::Int(
        i64::try_from(summaries::RANKED_WINDOW).unwrap_or(i64::MAX),
    ));
    let rows = client
        .query(&format!("{ids_sql} LIMIT {limit}"), &params.refs())
        .await
        .map_err(pg_err("ranking a search"))?;
    let ids: summaries::RankedIds = rows.iter().map(|r| r.get::<_, String>(0)).collect();
    window
        .summaries
        .ranked
        .put(window.generation, key, ids.clone());
    Ok(ids)
}

/// The records of `ids` that `viewer` may see, in the order of `ids`. The visibility is
/// checked again, though the ids come from a search under the same rights: a page never
/// rests on a cache alone for what a viewer may see.
async fn records_in_order(
    client: &impl GenericClient,
    ids: &[String],
    viewer: &Viewer,
) -> Result<Vec<StoredRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut params = Params::default();
    let wanted = params.bind(Param::TextArray(ids.to_vec()));
    let sql = format!(
        "SELECT {COLUMNS} FROM records r WHERE r.id = ANY({wanted}) AND {}",
        visibility_clause(viewer, &mut params)
    );
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(pg_err("reading a ranked page"))?;
    let mut found: std::collections::HashMap<String, StoredRecord> = rows
        .iter()
        .map(|row| Ok((row.get::<_, String>(0), decode(row)?)))
        .collect::<Result<_>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The relevance order of a ranked search. Records the ranking terms do not match (an OR
/// with another filter) come last; when the filter needs a full-text match, every record
/// matches them and that key is left out: each key reads the record's tsvector from
/// TOAST again (≈ 20 % of a search ranking 29 000 matches at 100 000 records).
fn rank(filter: &Expr) -> &'static str {
    if needs_full_text(filter) {
        "ts_rank(r.fts, q.q) DESC"
    } else {
        "(r.fts @@ q.q) DESC, ts_rank(r.fts, q.q) DESC"
    }
}

/// Whether every record matching `filter` matches one of its full-text terms.
fn needs_full_text(filter: &Expr) -> bool {
    match filter {
        Expr::FullText(text) => tsquery(text).is_some(),
        Expr::And(v) => v.iter().any(needs_full_text),
        Expr::Or(v) => !v.is_empty() && v.iter().all(needs_full_text),
        _ => false,
    }
}

/// ORDER BY from fixed column names only; ties broken by id for stable paging. `rank`:
/// the relevance order, when the search is ranked.
fn order_by(sort: &[SortKey], rank: Option<&str>) -> String {
    if sort.is_empty() {
        return match rank {
            Some(rank) => format!("{rank}, r.id"),
            None => "r.id".to_owned(),
        };
    }
    let mut keys: Vec<String> = sort
        .iter()
        .map(|k| {
            let (col, nullable) = match k.field {
                SortField::Relevance => match rank {
                    Some(rank) => return rank.to_owned(),
                    None => ("r.title_sort", false),
                },
                SortField::Title => ("r.title_sort", false),
                SortField::Identifier => ("r.id", false),
                SortField::Modified => ("r.date_stamp", true),
                SortField::Created => ("r.created", false),
                SortField::Updated => ("r.updated", false),
                SortField::Type => (TYPE_AS_PRESENTED, false),
                SortField::PublicationDate => ("r.publication_date", true),
                SortField::RevisionDate => ("r.revision_date", true),
                SortField::Area => (BOX_AREA, true),
                SortField::Format => (FIRST_FORMAT, true),
                SortField::Loaded => ("r.rid", false),
            };
            // Records without the value come last in either direction: NULLS LAST (not
            // `col IS NULL, col`, which no index can serve), and nothing on NOT NULL
            // columns, so `(title_sort, id)` or `(date_stamp DESC NULLS LAST, id)` read
            // a page in order without sorting every match.
            match (k.descending, nullable) {
                (false, _) => col.to_owned(),
                (true, false) => format!("{col} DESC"),
                (true, true) => format!("{col} DESC NULLS LAST"),
            }
        })
        .collect();
    keys.push("r.id".to_owned());
    keys.join(", ")
}

/// What `SortField::Type` sorts by: the type as a csw:Record presents it (`dc:type`,
/// moisson-csw's `output.rs`). A record kept from a Dublin Core document shows the DCMI
/// Type URI its scope code was read from (`…/dcmitype/Dataset` is stored `dataset`),
/// any other record its scope code, and a type outside both as written (stored so).
const TYPE_AS_PRESENTED: &str = "(CASE WHEN r.original_format = 'dublincore' \
     AND r.type IN ('dataset', 'service', 'software') \
     THEN 'http://purl.org/dc/dcmitype/' || upper(substr(r.type, 1, 1)) || substr(r.type, 2) \
     ELSE r.type END)";

/// The first of a record's format names: what `SortField::Format` sorts by.
const FIRST_FORMAT: &str = "(SELECT min(f.name) FROM record_formats f WHERE f.rid = r.rid)";

/// The area of a record's boxes (square degrees): what `SortField::Area` sorts by.
const BOX_AREA: &str =
    "(SELECT sum((b.east - b.west) * (b.north - b.south)) FROM record_boxes b WHERE b.rid = r.rid)";

/// A row of `COLUMNS` as a stored record.
pub(crate) fn decode(row: &Row) -> Result<StoredRecord> {
    let id: String = row.get(0);
    let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
    let Json(mut record): Json<Record> = row.try_get(1).map_err(|e| corrupt(e.to_string()))?;
    record.id = Some(RecordId::parse(id.as_str()).map_err(|e| corrupt(e.to_string()))?);
    let original: Option<Vec<u8>> = row.get(2);
    let format: Option<String> = row.get(3);
    let original = match (original, format.as_deref()) {
        (Some(bytes), Some(f)) => Some(OriginalDocument {
            format: parse_format(f)
                .ok_or_else(|| corrupt(format!("unknown original format {f:?}")))?,
            bytes,
        }),
        (None, _) => None,
        (Some(_), None) => return Err(corrupt("original without a format".to_owned())),
    };
    Ok(StoredRecord {
        record,
        original,
        version: row.get(4),
    })
}

fn parse_format(s: &str) -> Option<DocumentFormat> {
    match s {
        "iso19139" => Some(DocumentFormat::Iso19139),
        "dublincore" => Some(DocumentFormat::DublinCore),
        "iso19115-3" => Some(DocumentFormat::Iso19115_3),
        "fgdc" => Some(DocumentFormat::Fgdc),
        _ => None,
    }
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
