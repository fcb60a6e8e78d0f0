//! `ThesaurusStore` on PostgreSQL: mirrors `sqlite/thesauri.rs`, with rows written as
//! arrays (`unnest`) so a thesaurus of thousands of concepts is a few statements.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;
use moisson_model::{Expr, KeywordGroup, Property, RecordId, Viewer};
use moisson_thesaurus::Thesaurus;

use super::PgStore;
use super::compile::compile;
use super::params::Param;
use crate::text::timestamp;
use crate::thesauri::{
    ConceptHit, KeywordRef, RecordConcept, ThemeFacet, ThesaurusInfo, ThesaurusStore,
    check_manager, concept_json, concept_of, facets_of, info_doc, info_of, keyword_refs,
    prefix_end, term_rows,
};
use crate::{Error, PutOutcome, Result};

fn pg(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

/// See `sqlite/thesauri.rs::link_sql`.
fn link_sql(scope: &str, thesaurus: &str) -> String {
    format!(
        "INSERT INTO record_concepts (rid, thesaurus, concept, direct) \
         SELECT m.rid, a.thesaurus, a.ancestor, bool_or(a.ancestor = a.uri) FROM ( \
           SELECT k.rid, c.thesaurus, c.uri FROM record_keyword_refs k \
             JOIN concepts c ON c.uri = k.uri WHERE {scope} \
           UNION \
           SELECT k.rid, t.thesaurus, t.uri FROM record_keyword_refs k \
             JOIN thesaurus_names n ON n.norm IN (k.block, k.block_uri) \
             JOIN concept_terms t ON t.thesaurus = n.thesaurus AND t.term = k.norm AND t.whole \
             WHERE {scope} AND (k.uri IS NULL \
               OR NOT EXISTS (SELECT 1 FROM concepts c WHERE c.uri = k.uri)) \
         ) m JOIN concept_ancestors a ON a.thesaurus = m.thesaurus AND a.uri = m.uri \
         WHERE {thesaurus} \
         GROUP BY m.rid, a.thesaurus, a.ancestor"
    )
}

async fn insert_refs(tx: &impl GenericClient, refs: &[(i64, KeywordRef)]) -> Result<()> {
    let rid: Vec<i64> = refs.iter().map(|(r, _)| *r).collect();
    let norm: Vec<&str> = refs.iter().map(|(_, k)| k.norm.as_str()).collect();
    let uri: Vec<Option<&str>> = refs.iter().map(|(_, k)| k.uri.as_deref()).collect();
    let block: Vec<Option<&str>> = refs.iter().map(|(_, k)| k.block.as_deref()).collect();
    let block_uri: Vec<Option<&str>> = refs.iter().map(|(_, k)| k.block_uri.as_deref()).collect();
    tx.execute(
        "INSERT INTO record_keyword_refs (rid, norm, uri, block, block_uri) \
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])",
        &[&rid, &norm, &uri, &block, &block_uri],
    )
    .await
    .map_err(pg("writing keyword references"))?;
    Ok(())
}

/// Writes the keyword references of records just written and links them, in their
/// write transaction.
pub(crate) async fn link_records(
    tx: &impl GenericClient,
    records: &[(i64, &[KeywordGroup])],
) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let rids: Vec<i64> = records.iter().map(|(r, _)| *r).collect();
    for sql in [
        "DELETE FROM record_keyword_refs WHERE rid = ANY($1)",
        "DELETE FROM record_concepts WHERE rid = ANY($1)",
    ] {
        tx.execute(sql, &[&rids])
            .await
            .map_err(pg("clearing concept links"))?;
    }
    let refs: Vec<(i64, KeywordRef)> = records
        .iter()
        .flat_map(|(rid, k)| keyword_refs(k).into_iter().map(move |r| (*rid, r)))
        .collect();
    if refs.is_empty() {
        return Ok(());
    }
    insert_refs(tx, &refs).await?;
    tx.execute(&link_sql("k.rid = ANY($1)", "true"), &[&rids])
        .await
        .map_err(pg("linking keywords to concepts"))?;
    Ok(())
}

/// Fills the keyword references of the records written before the migration, once.
async fn fill_refs(tx: &impl GenericClient) -> Result<()> {
    let filled: bool = tx
        .query_one("SELECT refs_filled FROM thesaurus_state FOR UPDATE", &[])
        .await
        .map_err(pg("reading the thesaurus state"))?
        .get(0);
    if filled {
        return Ok(());
    }
    let rows = tx
        .query("SELECT rid, doc->'keywords' FROM records", &[])
        .await
        .map_err(pg("reading record keywords"))?;
    let mut refs = Vec::new();
    for row in rows {
        let rid: i64 = row.get(0);
        let json: Option<serde_json::Value> = row.get(1);
        let groups: Vec<KeywordGroup> = json
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| Error::Corrupt(format!("keywords of record {rid}: {e}")))?
            .unwrap_or_default();
        refs.extend(keyword_refs(&groups).into_iter().map(|r| (rid, r)));
    }
    tx.execute("DELETE FROM record_keyword_refs", &[])
        .await
        .map_err(pg("clearing keyword references"))?;
    insert_refs(tx, &refs).await?;
    tx.execute("UPDATE thesaurus_state SET refs_filled = true", &[])
        .await
        .map_err(pg("writing the thesaurus state"))?;
    Ok(())
}

async fn replace_thesaurus(tx: &impl GenericClient, t: &Thesaurus) -> Result<PutOutcome> {
    let e = || pg("writing a thesaurus");
    let existed = tx
        .execute("DELETE FROM thesauri WHERE id = $1", &[&t.id])
        .await
        .map_err(e())?
        > 0;
    tx.execute("DELETE FROM record_concepts WHERE thesaurus = $1", &[&t.id])
        .await
        .map_err(e())?;
    let concepts = i64::try_from(t.concepts.len()).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO thesauri (id, uri, doc, concepts, updated) VALUES ($1, $2, $3, $4, $5)",
        &[
            &t.id,
            &t.uri,
            &info_doc(t),
            &concepts,
            &timestamp(Utc::now()),
        ],
    )
    .await
    .map_err(e())?;
    tx.execute(
        "INSERT INTO thesaurus_names (norm, thesaurus) SELECT n, $2 FROM unnest($1::text[]) n \
         ON CONFLICT DO NOTHING",
        &[&t.names(), &t.id],
    )
    .await
    .map_err(e())?;
    let uris: Vec<&str> = t.concepts.iter().map(|c| c.uri.as_str()).collect();
    let docs: Vec<serde_json::Value> = t
        .concepts
        .iter()
        .map(|c| serde_json::from_str(&concept_json(c)).unwrap_or_default())
        .collect();
    tx.execute(
        "INSERT INTO concepts (thesaurus, uri, doc) \
         SELECT $1, u, d FROM unnest($2::text[], $3::jsonb[]) AS x(u, d)",
        &[&t.id, &uris, &docs],
    )
    .await
    .map_err(e())?;
    let terms = term_rows(t);
    let term: Vec<&str> = terms.iter().map(|r| r.term.as_str()).collect();
    let uri: Vec<&str> = terms.iter().map(|r| r.uri).collect();
    let rank: Vec<i16> = terms.iter().map(|r| r.rank).collect();
    let whole: Vec<bool> = terms.iter().map(|r| r.whole).collect();
    tx.execute(
        "INSERT INTO concept_terms (thesaurus, term, uri, rank, whole) \
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int2[], $5::bool[])",
        &[&t.id, &term, &uri, &rank, &whole],
    )
    .await
    .map_err(e())?;
    let (child, ancestor): (Vec<&str>, Vec<&str>) = t.ancestor_pairs().into_iter().unzip();
    tx.execute(
        "INSERT INTO concept_ancestors (thesaurus, uri, ancestor) \
         SELECT $1, * FROM unnest($2::text[], $3::text[])",
        &[&t.id, &child, &ancestor],
    )
    .await
    .map_err(e())?;
    Ok(if existed {
        PutOutcome::Updated
    } else {
        PutOutcome::Created
    })
}

const FIND: &str = "SELECT c.doc, h.r FROM ( \
       SELECT uri, min(rank) AS r, min(term) AS m FROM concept_terms \
       WHERE thesaurus = $1 AND term >= $2 AND term < $3 \
       GROUP BY uri ORDER BY r, m, uri LIMIT $4) h \
     JOIN concepts c ON c.thesaurus = $1 AND c.uri = h.uri ORDER BY h.r, h.m, h.uri";

const TOP: &str = "SELECT c.doc, 0::int2 FROM concepts c WHERE c.thesaurus = $1 \
     AND NOT EXISTS (SELECT 1 FROM concept_ancestors a \
       WHERE a.thesaurus = c.thesaurus AND a.uri = c.uri AND a.ancestor <> c.uri) \
     ORDER BY c.uri LIMIT $2";

fn hits(rows: &[tokio_postgres::Row]) -> Result<Vec<ConceptHit>> {
    rows.iter()
        .map(|r| {
            let doc: serde_json::Value = r.get(0);
            let rank: i16 = r.get(1);
            Ok(ConceptHit {
                concept: concept_of(&doc.to_string())?,
                rank: u8::try_from(rank).unwrap_or(u8::MAX),
            })
        })
        .collect()
}

#[async_trait]
impl ThesaurusStore for PgStore {
    async fn put_thesaurus(&self, thesaurus: Thesaurus, actor: &Viewer) -> Result<PutOutcome> {
        check_manager(actor)?;
        let mut client = self.pool.get("importing a thesaurus").await?;
        let tx = client
            .transaction()
            .await
            .map_err(pg("starting a thesaurus import"))?;
        fill_refs(&tx).await?;
        let outcome = replace_thesaurus(&tx, &thesaurus).await?;
        tx.execute(&link_sql("true", "m.thesaurus = $1"), &[&thesaurus.id])
            .await
            .map_err(pg("linking records to a thesaurus"))?;
        // Facet counts cached for the previous links must not be served again.
        tx.execute(
            "UPDATE catalogue_state SET generation = generation + 1",
            &[],
        )
        .await
        .map_err(pg("raising the catalogue generation"))?;
        tx.commit()
            .await
            .map_err(pg("committing a thesaurus import"))?;
        Ok(outcome)
    }

    async fn thesauri(&self) -> Result<Vec<ThesaurusInfo>> {
        let client = self.pool.get("listing thesauri").await?;
        let rows = client
            .query(
                "SELECT id, uri, doc, concepts, updated FROM thesauri ORDER BY id",
                &[],
            )
            .await
            .map_err(pg("listing thesauri"))?;
        rows.iter()
            .map(|r| {
                let doc: serde_json::Value = r.get(2);
                let id: String = r.get(0);
                let updated: &str = r.get(4);
                let updated = DateTime::parse_from_rfc3339(updated)
                    .map_err(|e| Error::Corrupt(format!("updated of thesaurus {id}: {e}")))?
                    .with_timezone(&Utc);
                info_of(id, r.get(1), &doc, r.get(3), updated)
            })
            .collect()
    }

    async fn find_concepts(
        &self,
        id: &str,
        prefix: &str,
        limit: u32,
    ) -> Result<Option<Vec<ConceptHit>>> {
        let client = self.pool.get("finding concepts").await?;
        let exists = client
            .query_opt("SELECT 1 FROM thesauri WHERE id = $1", &[&id])
            .await
            .map_err(pg("finding concepts"))?;
        if exists.is_none() {
            return Ok(None);
        }
        let folded = moisson_thesaurus::fold(prefix);
        let limit = i64::from(limit);
        let rows = if folded.is_empty() {
            let stmt = client
                .prepare_cached(TOP)
                .await
                .map_err(pg("finding concepts"))?;
            client.query(&stmt, &[&id, &limit]).await
        } else {
            let stmt = client
                .prepare_cached(FIND)
                .await
                .map_err(pg("finding concepts"))?;
            client
                .query(&stmt, &[&id, &folded, &prefix_end(&folded), &limit])
                .await
        }
        .map_err(pg("finding concepts"))?;
        hits(&rows).map(Some)
    }

    async fn theme_facets(
        &self,
        filter: &Expr,
        viewer: &Viewer,
        thesauri: &[String],
        limit: u32,
    ) -> Result<Vec<ThemeFacet>> {
        if thesauri.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = compile(filter, viewer)?;
        let list = c.params.bind(Param::TextArray(thesauri.to_vec()));
        let sql = format!(
            "WITH m AS MATERIALIZED (SELECT r.rid FROM records r WHERE {}) \
             SELECT rc.thesaurus, c.doc, count(*) FROM record_concepts rc \
             JOIN m ON m.rid = rc.rid \
             JOIN concepts c ON c.thesaurus = rc.thesaurus AND c.uri = rc.concept \
             WHERE rc.thesaurus = ANY({list}) GROUP BY rc.thesaurus, rc.concept, c.doc",
            c.where_sql
        );
        let client = self.pool.get("counting themed facets").await?;
        let rows = client
            .query(&sql, &c.params.refs())
            .await
            .map_err(pg("counting themed facets"))?;
        let rows = rows
            .iter()
            .map(|r| {
                let doc: serde_json::Value = r.get(1);
                (r.get(0), doc.to_string(), r.get(2))
            })
            .collect();
        facets_of(rows, thesauri, limit)
    }

    async fn record_concepts(
        &self,
        id: &RecordId,
        viewer: &Viewer,
    ) -> Result<Option<Vec<RecordConcept>>> {
        let c = compile(&Expr::eq(Property::Identifier, id.as_str()), viewer)?;
        let client = self.pool.get("reading a record's concepts").await?;
        let sql = format!("SELECT r.rid FROM records r WHERE {}", c.where_sql);
        let Some(row) = client
            .query_opt(&sql, &c.params.refs())
            .await
            .map_err(pg("reading a record's concepts"))?
        else {
            return Ok(None);
        };
        let rid: i64 = row.get(0);
        let rows = client
            .query(
                "SELECT rc.thesaurus, c.doc, rc.direct FROM record_concepts rc \
                 JOIN concepts c ON c.thesaurus = rc.thesaurus AND c.uri = rc.concept \
                 WHERE rc.rid = $1 ORDER BY rc.thesaurus, rc.direct DESC, rc.concept",
                &[&rid],
            )
            .await
            .map_err(pg("reading a record's concepts"))?;
        rows.iter()
            .map(|r| {
                let doc: serde_json::Value = r.get(1);
                Ok(RecordConcept {
                    thesaurus: r.get(0),
                    concept: concept_of(&doc.to_string())?,
                    direct: r.get(2),
                })
            })
            .collect::<Result<_>>()
            .map(Some)
    }
}
