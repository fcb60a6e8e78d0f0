//! The statements of a batch write: the lock query, the full-text vectors, the new
//! rows, the rewritten rows and the child rows, every column sent as one bound array
//! (`unnest`), so a batch of 500 records costs a handful of round trips.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use moisson_model::{CatalogueInfo, Record};
use tokio_postgres::types::{FromSql, IsNull, Json, ToSql, Type, to_sql_checked};

use super::{Prepared, Stamps};
use crate::index::IndexRow;
use crate::pg::rights::stored_info;
use crate::pg::text::weighted_texts;
use crate::text::timestamp;
use crate::{Error, Result};

/// The rows a batch replaces, locked in id order, with what rights depend on (from
/// column 4).
const LOCK_STORED: &str = "SELECT id, rid, created, version, owner_org, visibility, status, \
     shared_with FROM records WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE";
const INSERT_RECORDS: &str = include_str!("../sql/insert_records.sql");
const UPDATE_RECORDS: &str = include_str!("../sql/update_records.sql");
const DELETE_CHILDREN: &str = include_str!("../sql/delete_children.sql");
const INSERT_CHILDREN: &str = include_str!("../sql/insert_children.sql");
const FTS_VECTORS: &str = include_str!("../sql/fts_vectors.sql");

type Tx<'a> = deadpool_postgres::Transaction<'a>;

/// A stored record a write replaces.
pub(super) struct Stored {
    pub rid: i64,
    pub created: String,
    pub version: i64,
    pub info: CatalogueInfo,
}

fn pg_err(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

/// Locks the stored records among `ids` (waiting for other writers of them), by id.
pub(super) async fn lock_stored(tx: &Tx<'_>, ids: &[&str]) -> Result<HashMap<String, Stored>> {
    let stmt = tx
        .prepare_cached(LOCK_STORED)
        .await
        .map_err(pg_err("preparing a write"))?;
    let rows = tx
        .query(&stmt, &[&ids])
        .await
        .map_err(pg_err("locking records"))?;
    rows.iter()
        .map(|r| {
            let stored = Stored {
                rid: r.get(1),
                created: r.get(2),
                version: r.get(3),
                info: stored_info(r, 4)?,
            };
            Ok((r.get::<_, String>(0), stored))
        })
        .collect()
}

/// Inserts new records; returns the rid of each one inserted, by id (a record another
/// writer inserted first is absent).
pub(super) async fn insert(
    tx: &Tx<'_>,
    records: &[(Prepared, Stamps)],
    vectors: &[Vector],
) -> Result<HashMap<String, i64>> {
    let ids: Vec<&str> = records.iter().map(|(p, _)| p.id.as_str()).collect();
    let columns = Columns::of(records.iter().map(|(p, s)| (p, s)), vectors);
    let stmt = tx
        .prepare_cached(INSERT_RECORDS)
        .await
        .map_err(pg_err("preparing a write"))?;
    let rows = tx
        .query(&stmt, &columns.params(&ids))
        .await
        .map_err(|e| write_error(e, records.iter().map(|(p, _)| p)))?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1)))
        .collect())
}

/// Rewrites locked records in place, clearing their child rows.
pub(super) async fn update(
    tx: &Tx<'_>,
    records: &[(i64, Prepared, Stamps)],
    vectors: &[Vector],
) -> Result<()> {
    let rids: Vec<i64> = records.iter().map(|(rid, ..)| *rid).collect();
    let clear = tx
        .prepare_cached(DELETE_CHILDREN)
        .await
        .map_err(pg_err("preparing a write"))?;
    tx.execute(&clear, &[&rids])
        .await
        .map_err(pg_err("clearing index rows"))?;
    let columns = Columns::of(records.iter().map(|(_, p, s)| (p, s)), vectors);
    let stmt = tx
        .prepare_cached(UPDATE_RECORDS)
        .await
        .map_err(pg_err("preparing a write"))?;
    tx.execute(&stmt, &columns.params(&rids))
        .await
        .map_err(|e| write_error(e, records.iter().map(|(_, p, _)| p)))?;
    Ok(())
}

/// A row PostgreSQL refuses (a NUL character in a text, …) is a record's fault; named
/// when the batch holds one record (an importer retries a refused batch one by one).
fn write_error<'a>(
    e: tokio_postgres::Error,
    mut batch: impl ExactSizeIterator<Item = &'a Prepared>,
) -> Error {
    match e.as_db_error() {
        Some(db) if db.code().code().starts_with("22") => {
            let which = match (batch.len(), batch.next()) {
                (1, Some(p)) => format!("record {}", p.id),
                _ => "a record of the batch".to_owned(),
            };
            Error::Invalid(format!("{which}: {}", db.message()))
        }
        _ => Error::Pg(e, "writing records"),
    }
}

/// The record columns of a batch, one array each, in the order of the statements'
/// parameters `$2…$22` (`$1` is the ids or the rids).
struct Columns<'a> {
    doc: Vec<Json<Record>>,
    original: Vec<Option<&'a [u8]>>,
    format: Vec<Option<&'static str>>,
    version: Vec<i64>,
    created: Vec<String>,
    updated: Vec<String>,
    title: Vec<&'a str>,
    title_sort: Vec<&'a str>,
    kind: Vec<&'a str>,
    owner_org: Vec<Option<&'a str>>,
    visibility: Vec<&'static str>,
    /// Date stamp, creation, publication and revision dates, parent id, language,
    /// service type.
    optional: [Vec<Option<&'a str>>; 7],
    fts: &'a [Vector],
    status: Vec<&'static str>,
    shared_with: Vec<Json<&'a [String]>>,
}

impl<'a> Columns<'a> {
    fn of(records: impl Iterator<Item = (&'a Prepared, &'a Stamps)>, fts: &'a [Vector]) -> Self {
        let mut c = Self {
            doc: Vec::new(),
            original: Vec::new(),
            format: Vec::new(),
            version: Vec::new(),
            created: Vec::new(),
            updated: Vec::new(),
            title: Vec::new(),
            title_sort: Vec::new(),
            kind: Vec::new(),
            owner_org: Vec::new(),
            visibility: Vec::new(),
            optional: Default::default(),
            fts,
            status: Vec::new(),
            shared_with: Vec::new(),
        };
        for (p, s) in records {
            c.push(p, s);
        }
        c
    }

    fn push(&mut self, p: &'a Prepared, s: &Stamps) {
        let mut record = p.new.record.clone();
        record.catalogue.created = Some(s.created);
        record.catalogue.updated = Some(s.updated);
        self.doc.push(Json(record));
        self.original
            .push(p.new.original.as_ref().map(|o| o.bytes.as_slice()));
        self.format
            .push(p.new.original.as_ref().map(|o| o.format.as_str()));
        self.version.push(s.version);
        self.created.push(timestamp(s.created));
        self.updated.push(timestamp(s.updated));
        let r = &p.row;
        self.title.push(&r.title);
        self.title_sort.push(&r.title_sort);
        self.kind.push(&r.kind);
        self.owner_org.push(r.owner_org.as_deref());
        self.visibility.push(r.visibility);
        let optional = [
            &r.date_stamp,
            &r.creation_date,
            &r.publication_date,
            &r.revision_date,
            &r.parent_id,
            &r.language,
            &r.service_type,
        ];
        for (col, v) in self.optional.iter_mut().zip(optional) {
            col.push(v.as_deref());
        }
        self.status.push(r.status);
        self.shared_with.push(Json(r.shared_with.as_slice()));
    }

    /// The 22 parameters of `insert_records.sql` / `update_records.sql`.
    fn params<'s>(&'s self, first: &'s (dyn ToSql + Sync)) -> Vec<&'s (dyn ToSql + Sync)> {
        let mut p: Vec<&(dyn ToSql + Sync)> = vec![
            first,
            &self.doc,
            &self.original,
            &self.format,
            &self.version,
            &self.created,
            &self.updated,
            &self.title,
            &self.title_sort,
            &self.kind,
            &self.owner_org,
            &self.visibility,
        ];
        p.extend(self.optional.iter().map(|c| c as &(dyn ToSql + Sync)));
        p.push(&self.fts);
        p.push(&self.status);
        p.push(&self.shared_with);
        p
    }
}

/// A full-text vector in PostgreSQL's binary form, sent back as it came: computed by
/// one statement (`fts_vectors.sql`), written by another.
#[derive(Debug)]
pub(super) struct Vector(Vec<u8>);

impl<'a> FromSql<'a> for Vector {
    fn from_sql(
        _: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Self(raw.to_vec()))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }
}

impl ToSql for Vector {
    fn to_sql(
        &self,
        ty: &Type,
        // `BytesMut` as tokio-postgres re-exports it (the `bytes` crate is not a
        // dependency of this one).
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        // The bytes as they came: `&[u8]` writes them unchanged.
        self.0.as_slice().to_sql(ty, out)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }

    to_sql_checked!();
}

/// The texts of the full-text weights A (title), B (alternate titles and keywords), C
/// (abstract) and D (the rest) of each record, analysed into `tsvector` literals
/// (`crate::words`): the parameters of `fts_vectors.sql`.
pub(super) fn fts_texts<'a>(records: impl Iterator<Item = &'a Prepared>) -> [Vec<String>; 4] {
    let mut texts: [Vec<String>; 4] = Default::default();
    for p in records {
        let one = weighted_texts(&p.row, &p.new.record.abstract_text);
        for (col, t) in texts.iter_mut().zip(one) {
            col.push(t);
        }
    }
    texts
}

/// The full-text vectors of records' texts (`fts_texts`), in their order, computed by
/// `client`: the writing transaction or, to use a second core, another connection.
pub(super) async fn vectors(
    client: &impl GenericClient,
    texts: &[Vec<String>; 4],
    batch: impl ExactSizeIterator<Item = &Prepared>,
) -> Result<Vec<Vector>> {
    let stmt = client
        .prepare_cached(FTS_VECTORS)
        .await
        .map_err(pg_err("preparing a write"))?;
    let [a, b, c, d] = texts;
    let rows = client
        .query(&stmt, &[a, b, c, d])
        .await
        .map_err(|e| write_error(e, batch))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Writes the child rows of records (rid, index values): one array per column of each
/// child table, flattened over the batch with the owning rid beside each value.
pub(super) async fn insert_children(tx: &Tx<'_>, records: &[(i64, &IndexRow)]) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let c = Children::of(records);
    let stmt = tx
        .prepare_cached(INSERT_CHILDREN)
        .await
        .map_err(pg_err("preparing a write"))?;
    tx.execute(&stmt, &c.params())
        .await
        .map_err(pg_err("writing index rows"))?;
    Ok(())
}

/// A child table's rows as parallel arrays: the owning rids and up to two value columns.
#[derive(Default)]
struct Table<A, B> {
    rid: Vec<i64>,
    a: Vec<A>,
    b: Vec<B>,
}

impl<A, B> Table<A, B> {
    fn push(&mut self, rid: i64, a: A, b: B) {
        self.rid.push(rid);
        self.a.push(a);
        self.b.push(b);
    }
}

#[derive(Default)]
struct Children<'a> {
    keywords: Table<&'a str, &'a str>,
    org_names: Table<&'a str, &'a str>,
    licences: Table<&'a str, Option<&'a str>>,
    identifiers: Table<&'a str, Option<&'a str>>,
    /// Formats, topics, crs, operates_on, alternate titles, languages.
    single: [Table<&'a str, ()>; 6],
    temporal: Table<Option<&'a str>, Option<&'a str>>,
    end_is_now: Vec<bool>,
    boxes: Table<i32, ()>,
    /// West, south, east, north of each box.
    coords: [Vec<f64>; 4],
}

impl<'a> Children<'a> {
    fn of(records: &[(i64, &'a IndexRow)]) -> Self {
        let mut c = Self::default();
        for &(rid, r) in records {
            for (t, n) in &r.keywords {
                c.keywords.push(rid, t, n);
            }
            for (t, n) in &r.org_names {
                c.org_names.push(rid, t, n);
            }
            for (t, u) in &r.licences {
                c.licences.push(rid, t, u.as_deref());
            }
            for (t, u) in &r.identifiers {
                c.identifiers.push(rid, t, u.as_deref());
            }
            let singles = [
                &r.formats,
                &r.topics,
                &r.crs,
                &r.operates_on,
                &r.alt_titles,
                &r.languages,
            ];
            for (table, values) in c.single.iter_mut().zip(singles) {
                for v in values {
                    table.push(rid, v, ());
                }
            }
            for (begin, end, now) in &r.temporal {
                c.temporal.push(rid, begin.as_deref(), end.as_deref());
                c.end_is_now.push(*now);
            }
            for (n, b) in &r.boxes {
                c.boxes.push(rid, i32::try_from(*n).unwrap_or(i32::MAX), ());
                for (col, v) in c.coords.iter_mut().zip([b.west, b.south, b.east, b.north]) {
                    col.push(v);
                }
            }
        }
        c
    }

    /// The 34 parameters of `insert_children.sql`.
    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        let mut p: Vec<&(dyn ToSql + Sync)> = vec![
            &self.keywords.rid,
            &self.keywords.a,
            &self.keywords.b,
            &self.org_names.rid,
            &self.org_names.a,
            &self.org_names.b,
            &self.licences.rid,
            &self.licences.a,
            &self.licences.b,
            &self.identifiers.rid,
            &self.identifiers.a,
            &self.identifiers.b,
        ];
        for t in &self.single {
            p.push(&t.rid);
            p.push(&t.a);
        }
        p.extend([
            &self.temporal.rid as &(dyn ToSql + Sync),
            &self.temporal.a,
            &self.temporal.b,
            &self.end_is_now,
            &self.boxes.rid,
            &self.boxes.a,
        ]);
        p.extend(self.coords.iter().map(|c| c as &(dyn ToSql + Sync)));
        p
    }
}
