//! The child rows of a record (multi-valued fields, shares, full text, boxes): cleared
//! and re-inserted on every write.

use rusqlite::{Transaction, params};

use crate::Error;
use crate::Result;
use crate::index::IndexRow;
use crate::words::index_text;

/// Child tables cleared before an update re-inserts them (boxes' trigger clears the R*Tree).
const CHILD_TABLES: [&str; 13] = [
    "DELETE FROM record_keywords WHERE rid = ?1",
    "DELETE FROM record_org_names WHERE rid = ?1",
    "DELETE FROM record_formats WHERE rid = ?1",
    "DELETE FROM record_licences WHERE rid = ?1",
    "DELETE FROM record_topics WHERE rid = ?1",
    "DELETE FROM record_identifiers WHERE rid = ?1",
    "DELETE FROM record_crs WHERE rid = ?1",
    "DELETE FROM record_operates_on WHERE rid = ?1",
    "DELETE FROM record_alt_titles WHERE rid = ?1",
    "DELETE FROM record_languages WHERE rid = ?1",
    "DELETE FROM record_temporal WHERE rid = ?1",
    "DELETE FROM record_boxes WHERE rid = ?1",
    "DELETE FROM record_shares WHERE rid = ?1",
];

/// A value and its optional URI (licences, identifiers).
type TextAndUri = (String, Option<String>);

pub(crate) fn clear_children(tx: &Transaction<'_>, rid: i64) -> Result<()> {
    for sql in CHILD_TABLES
        .iter()
        .chain(&["DELETE FROM records_fts WHERE rowid = ?1"])
    {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([rid]))
            .map_err(|e| Error::Sqlite(e, "clearing index rows"))?;
    }
    Ok(())
}

/// `abstract_text`: the record's own, indexed without a copy in `row`.
pub(crate) fn insert_children(
    tx: &Transaction<'_>,
    rid: i64,
    row: &IndexRow,
    abstract_text: &str,
) -> rusqlite::Result<()> {
    let pairs: [(&str, &[(String, String)]); 2] = [
        (
            "INSERT INTO record_keywords (rid, text, norm) VALUES (?1, ?2, ?3)",
            &row.keywords,
        ),
        (
            "INSERT INTO record_org_names (rid, name, norm) VALUES (?1, ?2, ?3)",
            &row.org_names,
        ),
    ];
    for (sql, values) in pairs {
        let mut s = tx.prepare_cached(sql)?;
        for (a, b) in values {
            s.execute(params![rid, a, b])?;
        }
    }
    let with_uri: [(&str, &[TextAndUri]); 2] = [
        (
            "INSERT INTO record_licences (rid, text, uri) VALUES (?1, ?2, ?3)",
            &row.licences,
        ),
        (
            "INSERT INTO record_identifiers (rid, code, uri) VALUES (?1, ?2, ?3)",
            &row.identifiers,
        ),
    ];
    for (sql, values) in with_uri {
        let mut s = tx.prepare_cached(sql)?;
        for (a, b) in values {
            s.execute(params![rid, a, b])?;
        }
    }
    let singles: [(&str, &[String]); 7] = [
        (
            "INSERT INTO record_formats (rid, name) VALUES (?1, ?2)",
            &row.formats,
        ),
        (
            "INSERT INTO record_topics (rid, value) VALUES (?1, ?2)",
            &row.topics,
        ),
        (
            "INSERT INTO record_crs (rid, code) VALUES (?1, ?2)",
            &row.crs,
        ),
        (
            "INSERT INTO record_operates_on (rid, value) VALUES (?1, ?2)",
            &row.operates_on,
        ),
        (
            "INSERT INTO record_alt_titles (rid, title) VALUES (?1, ?2)",
            &row.alt_titles,
        ),
        (
            "INSERT INTO record_languages (rid, lang) VALUES (?1, ?2)",
            &row.languages,
        ),
        (
            "INSERT INTO record_shares (rid, unit) VALUES (?1, ?2)",
            &row.shared_with,
        ),
    ];
    for (sql, values) in singles {
        let mut s = tx.prepare_cached(sql)?;
        for v in values {
            s.execute(params![rid, v])?;
        }
    }
    insert_extents(tx, rid, row)?;
    insert_full_text(tx, rid, row, abstract_text)
}

/// The record's words in the full-text index, analysed by `crate::words`.
pub(crate) fn insert_full_text(
    tx: &Transaction<'_>,
    rid: i64,
    row: &IndexRow,
    abstract_text: &str,
) -> rusqlite::Result<()> {
    let f = &row.fts;
    tx.prepare_cached(
        "INSERT INTO records_fts (rowid, title, alt_titles, abstract, keywords, other) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        rid,
        index_text(&f.title),
        index_text(&f.alt_titles),
        index_text(abstract_text),
        index_text(&f.keywords),
        index_text(&f.other)
    ])?;
    Ok(())
}

fn insert_extents(tx: &Transaction<'_>, rid: i64, row: &IndexRow) -> rusqlite::Result<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO record_temporal (rid, begin_date, end_date, end_is_now) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (begin, end, now) in &row.temporal {
        s.execute(params![rid, begin, end, now])?;
    }
    let mut boxes = tx.prepare_cached(
        "INSERT INTO record_boxes (rid, extent_no, west, south, east, north) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut rtree = tx.prepare_cached(
        "INSERT INTO records_bbox (id, west, east, south, north) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (n, b) in &row.boxes {
        boxes.execute(params![rid, n, b.west, b.south, b.east, b.north])?;
        rtree.execute(params![
            tx.last_insert_rowid(),
            b.west,
            b.east,
            b.south,
            b.north
        ])?;
    }
    Ok(())
}
