//! `ThesaurusStore` on SQLite: thesauri, record ↔ concept links, themed facets and
//! autocomplete (see `crate::thesauri` for the design).

use async_trait::async_trait;
use moisson_model::{Expr, Property, RecordId, Viewer};
use moisson_thesaurus::Thesaurus;
use rusqlite::types::Value as SqlValue;
use rusqlite::{
    Connection, OptionalExtension, Transaction, TransactionBehavior, params, params_from_iter,
};

use super::SqliteStore;
use super::compile::compile;
use crate::text::timestamp;
use crate::thesauri::{
    ConceptHit, KeywordRef, RecordConcept, ThemeFacet, ThesaurusInfo, ThesaurusStore,
    check_manager, concept_json, concept_of, facets_of, info_doc, info_of, keyword_refs,
    prefix_end, term_rows,
};
use crate::{Error, PutOutcome, Result};

fn err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

/// The concepts matched by keyword references in `scope` (over `record_keyword_refs k`):
/// by anchor URI in any thesaurus, else by whole folded label within the thesaurus the
/// block names; each with every broader concept.
fn link_sql(scope: &str, thesaurus: &str) -> String {
    format!(
        "INSERT INTO record_concepts (rid, thesaurus, concept, direct) \
         SELECT m.rid, a.thesaurus, a.ancestor, max(a.ancestor = a.uri) FROM ( \
           SELECT k.rid, c.thesaurus, c.uri FROM record_keyword_refs k \
             JOIN concepts c ON c.uri = k.uri WHERE {scope} \
           UNION \
           SELECT k.rid, t.thesaurus, t.uri FROM record_keyword_refs k \
             JOIN thesaurus_names n ON n.norm IN (k.block, k.block_uri) \
             JOIN concept_terms t ON t.thesaurus = n.thesaurus AND t.term = k.norm AND t.whole = 1 \
             WHERE {scope} AND (k.uri IS NULL \
               OR NOT EXISTS (SELECT 1 FROM concepts c WHERE c.uri = k.uri)) \
         ) m JOIN concept_ancestors a ON a.thesaurus = m.thesaurus AND a.uri = m.uri \
         WHERE {thesaurus} \
         GROUP BY m.rid, a.thesaurus, a.ancestor"
    )
}

fn insert_refs(tx: &Transaction<'_>, rid: i64, refs: &[KeywordRef]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO record_keyword_refs (rid, norm, uri, block, block_uri) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(err("writing keyword references"))?;
    for r in refs {
        stmt.execute(params![rid, r.norm, r.uri, r.block, r.block_uri])
            .map_err(err("writing keyword references"))?;
    }
    Ok(())
}

/// Writes a record's keyword references and links them, in its write transaction.
pub(crate) fn link_record(
    tx: &Transaction<'_>,
    rid: i64,
    keywords: &[moisson_model::KeywordGroup],
) -> Result<()> {
    for sql in [
        "DELETE FROM record_keyword_refs WHERE rid = ?1",
        "DELETE FROM record_concepts WHERE rid = ?1",
    ] {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([rid]))
            .map_err(err("clearing concept links"))?;
    }
    let refs = keyword_refs(keywords);
    if refs.is_empty() {
        return Ok(());
    }
    insert_refs(tx, rid, &refs)?;
    tx.prepare_cached(&link_sql("k.rid = ?1", "1"))
        .and_then(|mut s| s.execute([rid]))
        .map_err(err("linking keywords to concepts"))?;
    Ok(())
}

/// Fills the keyword references of the records written before the thesauri migration,
/// once.
fn fill_refs(tx: &Transaction<'_>) -> Result<()> {
    let filled: bool = tx
        .query_row("SELECT refs_filled FROM thesaurus_state", [], |r| r.get(0))
        .map_err(err("reading the thesaurus state"))?;
    if filled {
        return Ok(());
    }
    let rows: Vec<(i64, Option<String>)> = tx
        .prepare("SELECT rid, json_extract(doc, '$.keywords') FROM records")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(err("reading record keywords"))?;
    tx.execute("DELETE FROM record_keyword_refs", [])
        .map_err(err("clearing keyword references"))?;
    for (rid, json) in rows {
        let groups: Vec<moisson_model::KeywordGroup> = json
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| Error::Corrupt(format!("keywords of record {rid}: {e}")))?
            .unwrap_or_default();
        insert_refs(tx, rid, &keyword_refs(&groups))?;
    }
    tx.execute("UPDATE thesaurus_state SET refs_filled = 1", [])
        .map_err(err("writing the thesaurus state"))?;
    Ok(())
}

fn replace_thesaurus(tx: &Transaction<'_>, t: &Thesaurus) -> Result<PutOutcome> {
    let existed = tx
        .execute("DELETE FROM thesauri WHERE id = ?1", [&t.id])
        .map_err(err("replacing a thesaurus"))?
        > 0;
    tx.execute("DELETE FROM record_concepts WHERE thesaurus = ?1", [&t.id])
        .map_err(err("replacing a thesaurus"))?;
    let concepts = i64::try_from(t.concepts.len()).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO thesauri (id, uri, doc, concepts, updated) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            t.id,
            t.uri,
            info_doc(t).to_string(),
            concepts,
            timestamp(chrono::Utc::now())
        ],
    )
    .map_err(err("writing a thesaurus"))?;
    let e = err("writing concepts");
    let mut names = tx
        .prepare("INSERT OR IGNORE INTO thesaurus_names (norm, thesaurus) VALUES (?1, ?2)")
        .map_err(&e)?;
    for n in t.names() {
        names.execute(params![n, t.id]).map_err(&e)?;
    }
    let mut concept = tx
        .prepare("INSERT INTO concepts (thesaurus, uri, doc) VALUES (?1, ?2, ?3)")
        .map_err(&e)?;
    for c in &t.concepts {
        concept
            .execute(params![t.id, c.uri, concept_json(c)])
            .map_err(&e)?;
    }
    let mut term = tx
        .prepare(
            "INSERT INTO concept_terms (thesaurus, term, uri, rank, whole) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(&e)?;
    for r in term_rows(t) {
        term.execute(params![t.id, r.term, r.uri, r.rank, r.whole])
            .map_err(&e)?;
    }
    let mut ancestor = tx
        .prepare("INSERT INTO concept_ancestors (thesaurus, uri, ancestor) VALUES (?1, ?2, ?3)")
        .map_err(&e)?;
    for (uri, a) in t.ancestor_pairs() {
        ancestor.execute(params![t.id, uri, a]).map_err(&e)?;
    }
    Ok(if existed {
        PutOutcome::Updated
    } else {
        PutOutcome::Created
    })
}

fn put(conn: &mut Connection, t: &Thesaurus) -> Result<PutOutcome> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(err("starting a thesaurus import"))?;
    fill_refs(&tx)?;
    let outcome = replace_thesaurus(&tx, t)?;
    tx.execute(&link_sql("1", "m.thesaurus = ?1"), [&t.id])
        .map_err(err("linking records to a thesaurus"))?;
    // Facet counts cached for the previous links must not be served again.
    tx.execute("UPDATE catalogue_state SET generation = generation + 1", [])
        .map_err(err("raising the catalogue generation"))?;
    tx.commit().map_err(err("committing a thesaurus import"))?;
    Ok(outcome)
}

fn list(conn: &Connection) -> Result<Vec<ThesaurusInfo>> {
    let rows: Vec<(String, String, String, i64, String)> = conn
        .prepare_cached("SELECT id, uri, doc, concepts, updated FROM thesauri ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()
        })
        .map_err(err("listing thesauri"))?;
    rows.into_iter()
        .map(|(id, uri, doc, n, updated)| {
            let corrupt = |e: String| Error::Corrupt(format!("the stored thesaurus {id}: {e}"));
            let doc = serde_json::from_str(&doc).map_err(|e| corrupt(e.to_string()))?;
            let updated = chrono::DateTime::parse_from_rfc3339(&updated)
                .map_err(|e| corrupt(e.to_string()))?
                .with_timezone(&chrono::Utc);
            info_of(id, uri, &doc, n, updated)
        })
        .collect()
}

const FIND: &str = "SELECT c.doc, h.r FROM ( \
       SELECT uri, min(rank) AS r, min(term) AS m FROM concept_terms \
       WHERE thesaurus = ?1 AND term >= ?2 AND term < ?3 \
       GROUP BY uri ORDER BY r, m, uri LIMIT ?4) h \
     JOIN concepts c ON c.thesaurus = ?1 AND c.uri = h.uri ORDER BY h.r, h.m, h.uri";

const TOP: &str = "SELECT c.doc, 0 FROM concepts c WHERE c.thesaurus = ?1 \
     AND NOT EXISTS (SELECT 1 FROM concept_ancestors a \
       WHERE a.thesaurus = c.thesaurus AND a.uri = c.uri AND a.ancestor <> c.uri) \
     ORDER BY c.uri LIMIT ?2";

fn find(conn: &Connection, id: &str, prefix: &str, limit: u32) -> Result<Option<Vec<ConceptHit>>> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM thesauri WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |_| Ok(())).optional())
        .map_err(err("finding concepts"))?;
    if exists.is_none() {
        return Ok(None);
    }
    let folded = moisson_thesaurus::fold(prefix);
    let map = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?));
    let rows: Vec<(String, i64)> = if folded.is_empty() {
        conn.prepare_cached(TOP)
            .and_then(|mut s| s.query_map(params![id, limit], map)?.collect())
    } else {
        conn.prepare_cached(FIND).and_then(|mut s| {
            s.query_map(params![id, folded, prefix_end(&folded), limit], map)?
                .collect()
        })
    }
    .map_err(err("finding concepts"))?;
    rows.into_iter()
        .map(|(doc, rank)| {
            Ok(ConceptHit {
                concept: concept_of(&doc)?,
                rank: u8::try_from(rank).unwrap_or(u8::MAX),
            })
        })
        .collect::<Result<_>>()
        .map(Some)
}

fn facets(
    conn: &Connection,
    filter: &Expr,
    viewer: &Viewer,
    thesauri: &[String],
    limit: u32,
) -> Result<Vec<ThemeFacet>> {
    if thesauri.is_empty() {
        return Ok(Vec::new());
    }
    let c = compile(filter, viewer)?;
    let first = c.params.len() + 1;
    let list: Vec<String> = (0..thesauri.len())
        .map(|i| format!("?{}", first + i))
        .collect();
    let sql = format!(
        "WITH m AS MATERIALIZED (SELECT r.rid FROM records r WHERE {}) \
         SELECT rc.thesaurus, c.doc, count(*) FROM record_concepts rc JOIN m ON m.rid = rc.rid \
         JOIN concepts c ON c.thesaurus = rc.thesaurus AND c.uri = rc.concept \
         WHERE rc.thesaurus IN ({}) GROUP BY rc.thesaurus, rc.concept",
        c.where_sql,
        list.join(", ")
    );
    let params = c
        .params
        .into_iter()
        .chain(thesauri.iter().map(|t| SqlValue::Text(t.clone())));
    let rows = conn
        .prepare(&sql)
        .and_then(|mut s| {
            s.query_map(params_from_iter(params), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(err("counting themed facets"))?;
    facets_of(rows, thesauri, limit)
}

fn of_record(
    conn: &Connection,
    id: &RecordId,
    viewer: &Viewer,
) -> Result<Option<Vec<RecordConcept>>> {
    let c = compile(&Expr::eq(Property::Identifier, id.as_str()), viewer)?;
    let rid: Option<i64> = conn
        .prepare(&format!(
            "SELECT r.rid FROM records r WHERE {}",
            c.where_sql
        ))
        .and_then(|mut s| {
            s.query_row(params_from_iter(c.params), |r| r.get(0))
                .optional()
        })
        .map_err(err("reading a record's concepts"))?;
    let Some(rid) = rid else {
        return Ok(None);
    };
    let rows: Vec<(String, String, bool)> = conn
        .prepare_cached(
            "SELECT rc.thesaurus, c.doc, rc.direct FROM record_concepts rc \
             JOIN concepts c ON c.thesaurus = rc.thesaurus AND c.uri = rc.concept \
             WHERE rc.rid = ?1 ORDER BY rc.thesaurus, rc.direct DESC, rc.concept",
        )
        .and_then(|mut s| {
            s.query_map([rid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(err("reading a record's concepts"))?;
    rows.into_iter()
        .map(|(thesaurus, doc, direct)| {
            Ok(RecordConcept {
                thesaurus,
                concept: concept_of(&doc)?,
                direct,
            })
        })
        .collect::<Result<_>>()
        .map(Some)
}

#[async_trait]
impl ThesaurusStore for SqliteStore {
    async fn put_thesaurus(&self, thesaurus: Thesaurus, actor: &Viewer) -> Result<PutOutcome> {
        check_manager(actor)?;
        let outcome = self.pool.write(move |c| put(c, &thesaurus)).await?;
        Ok(outcome)
    }

    async fn thesauri(&self) -> Result<Vec<ThesaurusInfo>> {
        self.pool.read(list).await
    }

    async fn find_concepts(
        &self,
        id: &str,
        prefix: &str,
        limit: u32,
    ) -> Result<Option<Vec<ConceptHit>>> {
        let (id, prefix) = (id.to_owned(), prefix.to_owned());
        self.pool.read(move |c| find(c, &id, &prefix, limit)).await
    }

    async fn theme_facets(
        &self,
        filter: &Expr,
        viewer: &Viewer,
        thesauri: &[String],
        limit: u32,
    ) -> Result<Vec<ThemeFacet>> {
        let (filter, viewer, thesauri) = (filter.clone(), viewer.clone(), thesauri.to_vec());
        self.pool
            .read(move |c| facets(c, &filter, &viewer, &thesauri, limit))
            .await
    }

    async fn record_concepts(
        &self,
        id: &RecordId,
        viewer: &Viewer,
    ) -> Result<Option<Vec<RecordConcept>>> {
        let (id, viewer) = (id.clone(), viewer.clone());
        self.pool.read(move |c| of_record(c, &id, &viewer)).await
    }
}
