//! Reads: get, count, ids, records by id (keyset pages) and search (page, exact total, facets) on one snapshot.

use moisson_model::{
    DocumentFormat, Expr, OriginalDocument, Record, RecordId, SearchQuery, SortField, SortKey,
    Viewer,
};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use super::codec;
use super::compile::{Compiled, compile};
use super::facets::facets;
use super::visibility::visibility_sql;
use crate::summaries::{self, Summaries};
use crate::{Error, Result, SearchPage, StoredRecord};

const COLUMNS: &str = "r.id, r.doc, r.original, r.original_format, r.version, r.original_codec";
/// How many columns `COLUMNS` selects (the next one is the search's window count).
const COLUMN_COUNT: usize = 6;
/// Pages starting before this offset may carry their total as a window count.
const WINDOWED_OFFSETS: u64 = 1_000;
/// Relevance order: unranked rows (matched by something else than the full text) last.
const RANK: &str = "f.score IS NULL, f.score";
/// Column weights of `bm25` in table order: title, alt_titles, abstract, keywords, other.
const BM25: &str = "bm25(records_fts, 10.0, 5.0, 1.0, 4.0, 0.5)";

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

pub(crate) fn get(conn: &Connection, id: &str, viewer: &Viewer) -> Result<Option<StoredRecord>> {
    let mut params = Vec::new();
    let visible = visibility_sql(viewer, &mut params);
    params.push(SqlValue::Text(id.to_owned()));
    let sql = format!(
        "SELECT {COLUMNS} FROM records r WHERE r.id = ?{} AND {visible}",
        params.len()
    );
    let raw = conn
        .prepare_cached(&sql)
        .and_then(|mut s| s.query_row(params_from_iter(&params), raw_row).optional())
        .map_err(sql_err("reading a record"))?;
    raw.map(decode).transpose()
}

pub(crate) fn count(conn: &Connection, viewer: &Viewer) -> Result<u64> {
    let mut params = Vec::new();
    let sql = format!(
        "SELECT count(*) FROM records r WHERE {}",
        visibility_sql(viewer, &mut params)
    );
    conn.query_row(&sql, params_from_iter(&params), |r| r.get::<_, i64>(0))
        .map(to_u64)
        .map_err(sql_err("counting records"))
}

pub(crate) fn ids(conn: &Connection, viewer: &Viewer) -> Result<Vec<RecordId>> {
    let mut params = Vec::new();
    let sql = format!(
        "SELECT r.id FROM records r WHERE {} ORDER BY r.id",
        visibility_sql(viewer, &mut params)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err("listing identifiers"))?;
    let ids = stmt
        .query_map(params_from_iter(&params), |r| r.get::<_, String>(0))
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("listing identifiers"))?;
    ids.into_iter()
        .map(|id| RecordId::parse(id).map_err(|e| Error::Corrupt(e.to_string())))
        .collect()
}

/// `Store::records_after`: the `doc` column only (never the original), no count.
pub(crate) fn records_after(
    conn: &Connection,
    after: Option<&str>,
    limit: u32,
    viewer: &Viewer,
) -> Result<Vec<Record>> {
    let mut params = Vec::new();
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
        "SELECT r.id, r.doc FROM records r WHERE {visible}{after} ORDER BY r.id LIMIT ?{}",
        params.len()
    );
    let mut stmt = conn
        .prepare_cached(&sql)
        .map_err(sql_err("reading records by id"))?;
    let mut rows = stmt
        .query(params_from_iter(&params))
        .map_err(sql_err("reading records by id"))?;
    let mut out = Vec::with_capacity(limit.min(1000) as usize);
    while let Some(row) = rows.next().map_err(sql_err("reading records by id"))? {
        // Borrowed from the row: the document is parsed without a copy.
        let text = |i: usize| {
            row.get_ref(i)
                .and_then(|v| v.as_str().map_err(rusqlite::Error::from))
                .map_err(sql_err("reading records by id"))
        };
        out.push(decode_doc(text(0)?, text(1)?)?);
    }
    Ok(out)
}

pub(crate) fn search(
    conn: &Connection,
    summaries: &Summaries,
    query: &SearchQuery,
    viewer: &Viewer,
) -> Result<SearchPage> {
    let compiled = compile(&query.filter, viewer)?;
    // One read transaction: page, total and facets see the same snapshot.
    let tx = conn
        .unchecked_transaction()
        .map_err(sql_err("starting a read"))?;
    // The catalogue's generation in this snapshot: the total and facets computed at it
    // hold until a write raises it (`summaries.rs`).
    let generation: i64 = tx
        .query_row("SELECT generation FROM catalogue_state", [], |r| r.get(0))
        .map_err(sql_err("reading the catalogue generation"))?;
    let key = summaries::key(&compiled.where_sql, &compiled.params, query);
    let known = summaries.totals.get(generation, &key);
    // Otherwise the total rides along the page as a window count when the filter
    // narrows the match set and the page is near the start: the filter is evaluated
    // once. A window makes SQLite buffer every match before the LIMIT, so an unfiltered
    // walk or a deep page (offset 90 000) counts apart, on the narrow index, and stops
    // at its page.
    let windowed =
        known.is_none() && !matches!(query.filter, Expr::All) && query.offset < WINDOWED_OFFSETS;
    let (records, total) = if query.limit == 0 {
        (Vec::new(), None)
    } else {
        let window = Window {
            summaries,
            generation,
            viewer,
        };
        page(&tx, &compiled, query, windowed, &window)?
    };
    let (total, facets) = match known {
        Some(summary) => summary,
        None => {
            // A page that could not tell the total (past the end, unwindowed, or a
            // ranked page read from a kept window) is counted apart.
            let total = match total {
                Some(t) => t,
                None => count_matches(&tx, &compiled)?,
            };
            let facets = facets(&tx, &compiled, &query.facets, query.facet_limit)?;
            summaries
                .totals
                .put(generation, key, (total, facets.clone()));
            (total, facets)
        }
    };
    tx.commit().map_err(sql_err("ending a read"))?;
    Ok(SearchPage {
        records,
        total,
        facets,
    })
}

fn count_matches(conn: &Connection, c: &Compiled) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM records r WHERE {}", c.where_sql);
    conn.query_row(&sql, params_from_iter(&c.params), |r| r.get::<_, i64>(0))
        .map(to_u64)
        .map_err(sql_err("counting matches"))
}

/// Where a ranked page may come from instead of ranking every match again.
struct Window<'a> {
    summaries: &'a Summaries,
    generation: i64,
    viewer: &'a Viewer,
}

/// The page's records and, when the page's statement could tell it, the exact number of
/// matches: a windowed count rides along a non-empty page, a windowed first page without
/// rows has no match, and a kept ranked window shorter than `RANKED_WINDOW` holds every
/// match. `None` means "count apart": never guess a total from a page that did not count
/// (a cached window asked by a search with other facets once answered 0 here).
fn page(
    conn: &Connection,
    c: &Compiled,
    query: &SearchQuery,
    windowed: bool,
    window: &Window<'_>,
) -> Result<(Vec<StoredRecord>, Option<u64>)> {
    if is_ranked(c, query) && summaries::in_ranked_window(query.offset, query.limit) {
        let (ids, total) = ranked_window(conn, c, query, window)?;
        let total = total.or_else(|| window_holds_every_match(&ids));
        let ids = summaries::window_slice(&ids, query.offset, query.limit);
        return Ok((records_in_order(conn, ids, window.viewer)?, total));
    }
    let mut params = c.params.clone();
    let bounds = Bounds::of(query);
    let sql = page_sql(c, query, COLUMNS, bounds, windowed, &mut |v: SqlValue| {
        params.push(v);
        format!("?{}", params.len())
    });
    let mut stmt = conn.prepare(&sql).map_err(sql_err("preparing a search"))?;
    let mut total = None;
    let raws = stmt
        .query_map(params_from_iter(&params), |row| {
            total = row.get::<_, Option<i64>>(COLUMN_COUNT)?;
            raw_row(row)
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("searching"))?;
    let records: Vec<StoredRecord> = raws.into_iter().map(decode).collect::<Result<_>>()?;
    let total = match total {
        Some(t) => Some(to_u64(t)),
        // The window count ran over every match and saw none.
        None if windowed && query.offset == 0 && records.is_empty() => Some(0),
        None => None,
    };
    Ok((records, total))
}

/// The number of matches when a ranked window holds all of them.
fn window_holds_every_match(ids: &[String]) -> Option<u64> {
    let len = u64::try_from(ids.len()).ok()?;
    (len < summaries::RANKED_WINDOW).then_some(len)
}

/// The first `RANKED_WINDOW` ids of a ranked search, kept for the snapshot's generation
/// (the pages of a result list are then read by id instead of ranking every match once
/// per page), and the exact number of matches when they were ranked now. The count
/// always rides along (ranking already reads every match), so the statement, and the
/// key, do not depend on whether the total was known.
fn ranked_window(
    conn: &Connection,
    c: &Compiled,
    query: &SearchQuery,
    window: &Window<'_>,
) -> Result<(summaries::RankedIds, Option<u64>)> {
    let mut params = c.params.clone();
    let bounds = Bounds {
        limit: i64::try_from(summaries::RANKED_WINDOW).unwrap_or(i64::MAX),
        offset: 0,
    };
    let sql = page_sql(c, query, "r.id", bounds, true, &mut |v: SqlValue| {
        params.push(v);
        format!("?{}", params.len())
    });
    let key = summaries::order_key(&sql, &params);
    if let Some(ids) = window.summaries.ranked.get(window.generation, &key) {
        return Ok((ids, None));
    }
    let mut stmt = conn.prepare(&sql).map_err(sql_err("preparing a search"))?;
    let mut total = None;
    let ids = stmt
        .query_map(params_from_iter(&params), |row| {
            total = row.get::<_, Option<i64>>(1)?;
            row.get::<_, String>(0)
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("ranking a search"))?;
    let ids: summaries::RankedIds = ids.into();
    window
        .summaries
        .ranked
        .put(window.generation, key, ids.clone());
    Ok((ids, total.map(to_u64)))
}

/// The records of `ids` that `viewer` may see, in the order of `ids`. The visibility is
/// checked again, though the ids come from a search under the same rights: a page never
/// rests on a cache alone for what a viewer may see.
fn records_in_order(
    conn: &Connection,
    ids: &[String],
    viewer: &Viewer,
) -> Result<Vec<StoredRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut params: Vec<SqlValue> = ids.iter().map(|id| SqlValue::Text(id.clone())).collect();
    let wanted = (1..=ids.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let visible = visibility_sql(viewer, &mut params);
    let sql = format!("SELECT {COLUMNS} FROM records r WHERE r.id IN ({wanted}) AND {visible}");
    let mut stmt = conn
        .prepare(&sql)
        .map_err(sql_err("reading a ranked page"))?;
    let raws = stmt
        .query_map(params_from_iter(&params), raw_row)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("reading a ranked page"))?;
    let mut found = raws
        .into_iter()
        .map(|raw| Ok((raw.0.clone(), decode(raw)?)))
        .collect::<Result<std::collections::HashMap<_, _>>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Whether the page is in relevance order over full-text terms.
fn is_ranked(c: &Compiled, query: &SearchQuery) -> bool {
    c.rank_query.is_some()
        && (query.sort.is_empty() || query.sort.iter().any(|k| k.field == SortField::Relevance))
}

/// A page's LIMIT and OFFSET.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    limit: i64,
    offset: i64,
}

impl Bounds {
    fn of(query: &SearchQuery) -> Self {
        Self {
            limit: i64::from(query.limit),
            offset: i64::try_from(query.offset).unwrap_or(i64::MAX),
        }
    }

    /// Binds both; returns their placeholders.
    fn bind(self, bind: &mut impl FnMut(SqlValue) -> String) -> (String, String) {
        (
            bind(SqlValue::Integer(self.limit)),
            bind(SqlValue::Integer(self.offset)),
        )
    }
}

/// The page query. The page's row ids are chosen first, sorting narrow rows only; the
/// documents (large `doc`/`original` columns) are read for those rows alone. Sorting whole
/// rows made deep pages (offset 90 000) spill a sort of every visible document to disk.
/// `windowed`: the total rides along as a window count over the same match set (computed
/// before LIMIT), which saves evaluating the filter a second time. `columns`: what is
/// selected of each record of the page (the window count follows them).
fn page_sql(
    c: &Compiled,
    query: &SearchQuery,
    columns: &str,
    bounds: Bounds,
    windowed: bool,
    bind: &mut impl FnMut(SqlValue) -> String,
) -> String {
    let total = if windowed { "count(*) OVER ()" } else { "NULL" };
    let Some(q) = c.rank_query.as_ref().filter(|_| is_ranked(c, query)) else {
        // Browsing the whole catalogue by title reads the title index in order and stops
        // at the page. Without planner statistics SQLite took the rights index (`status`,
        // `visibility`: true of nearly every record) and sorted every record first (650 ms
        // at 100 000 records).
        let from = if walks_titles(query) {
            "records r INDEXED BY records_title_sort"
        } else {
            "records r"
        };
        let order = order_by(&query.sort, false);
        let (limit, offset) = bounds.bind(bind);
        return format!(
            "WITH p AS MATERIALIZED (SELECT r.rid AS rid, {total} AS total FROM {from} \
             WHERE {} ORDER BY {order} LIMIT {limit} OFFSET {offset}) \
             SELECT {columns}, p.total FROM p JOIN records r ON r.rid = p.rid ORDER BY {order}",
            c.where_sql,
        );
    };
    let order = order_by(&query.sort, true);
    let p = bind(SqlValue::Text(q.clone()));
    let (limit, offset) = bounds.bind(bind);
    let tail = format!(
        "SELECT {columns}, p.total FROM p JOIN records r ON r.rid = p.rid \
         LEFT JOIN f ON f.rid = r.rid ORDER BY {order}"
    );
    if narrowed(query) {
        // Full text AND other conditions, in relevance order: the match set `m` first
        // (with the id, from the covering rights index), then `bm25` for its rows only. A
        // word found in every record scored all 100 000 of them (90 ms) before the box and
        // the filter cut them down to a few hundred. Same scores: FTS5 takes its
        // statistics from the whole index, whichever rows it returns. `+rowid` keeps the
        // IN list from turning into one FTS5 lookup per row.
        format!(
            "WITH m AS MATERIALIZED (SELECT r.rid AS rid, r.id AS id FROM records r \
             WHERE {where_sql}), \
             f AS MATERIALIZED (SELECT rowid AS rid, {BM25} AS score FROM records_fts \
             WHERE records_fts MATCH {p} AND +rowid IN (SELECT rid FROM m)), \
             p AS MATERIALIZED (SELECT m.rid AS rid, {total} AS total FROM m \
             LEFT JOIN f ON f.rid = m.rid ORDER BY {RANK}, m.id LIMIT {limit} OFFSET {offset}) \
             {tail}",
            where_sql = c.where_sql,
        )
    } else {
        // The ranking is computed once (a materialised CTE), not once per candidate row.
        format!(
            "WITH f AS MATERIALIZED (SELECT rowid AS rid, {BM25} AS score FROM records_fts \
             WHERE records_fts MATCH {p}), \
             p AS MATERIALIZED (SELECT r.rid AS rid, {total} AS total FROM records r \
             LEFT JOIN f ON f.rid = r.rid WHERE {} ORDER BY {order} LIMIT {limit} OFFSET {offset}) \
             {tail}",
            c.where_sql,
        )
    }
}

/// Whether the page is an unfiltered walk in ascending title order (what a catalogue's
/// "browse all" page asks), which the `(title_sort, id)` index serves in order.
fn walks_titles(query: &SearchQuery) -> bool {
    matches!(query.filter, Expr::All)
        && matches!(query.sort.as_slice(), [k] if k.field == SortField::Title && !k.descending)
}

/// Whether a ranked search may score its match set only: the sort is by relevance alone
/// (so the page order needs the score and the id, nothing from the wide rows), and the
/// filter has conditions besides full text (otherwise the match set is the full-text hits
/// themselves, and scoring them all in one pass is cheaper).
fn narrowed(query: &SearchQuery) -> bool {
    query.sort.iter().all(|k| k.field == SortField::Relevance)
        && matches!(&query.filter, Expr::And(v) if v.iter().any(|e| !matches!(e, Expr::FullText(_))))
}

/// ORDER BY from fixed column names only; ties broken by id for stable paging.
fn order_by(sort: &[SortKey], ranked: bool) -> String {
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
                SortField::Type => TYPE_AS_PRESENTED,
                SortField::PublicationDate => "r.publication_date",
                SortField::RevisionDate => "r.revision_date",
                SortField::Area => BOX_AREA,
                SortField::Format => FIRST_FORMAT,
                SortField::Loaded => "r.rid",
            };
            // Records without the value come last in either direction. SQLite sorts
            // NULL first, so descending order already puts them last: no `IS NULL` key
            // there (an index can then serve the order), nor on columns never NULL.
            let nullable = matches!(
                k.field,
                SortField::Modified
                    | SortField::PublicationDate
                    | SortField::RevisionDate
                    | SortField::Area
                    | SortField::Format
            );
            match (k.descending, nullable) {
                (true, _) => format!("{col} DESC"),
                (false, true) => format!("{col} IS NULL, {col}"),
                (false, false) => col.to_owned(),
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

/// The model of a `doc` column, with its id.
pub(crate) fn decode_doc(id: &str, doc: &str) -> Result<Record> {
    let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
    let mut record: Record = serde_json::from_str(doc).map_err(|e| corrupt(e.to_string()))?;
    record.id = Some(RecordId::parse(id).map_err(|e| corrupt(e.to_string()))?);
    Ok(record)
}

fn decode((id, doc, original, format, version, codec): RawRow) -> Result<StoredRecord> {
    let corrupt = |what: String| Error::Corrupt(format!("record {id}: {what}"));
    let record = decode_doc(&id, &doc)?;
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
        (Some(bytes), Some("iso19115-3")) => Some(OriginalDocument {
            format: DocumentFormat::Iso19115_3,
            bytes,
        }),
        (Some(bytes), Some("fgdc")) => Some(OriginalDocument {
            format: DocumentFormat::Fgdc,
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
