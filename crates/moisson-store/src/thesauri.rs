//! The `ThesaurusStore` trait: SKOS thesauri kept beside the records, record keywords
//! linked to their concepts, themed facets and autocomplete. Every `Store` is one.
//!
//! Linking happens in SQL, in the write transaction of a record and again for every
//! record when a thesaurus is imported: a record's keywords are kept as *references*
//! (`record_keyword_refs`: folded text, anchor URI, folded thesaurus title and URI of
//! their block), joined with the concepts by URI (any thesaurus) or else by folded label
//! within the thesaurus the block names. What matches goes to `record_concepts` with every
//! broader concept of the match, so a facet counts a record under "Eau" when it is under
//! "Eau / Assainissement" and a filter by a concept finds its narrower ones, both by index.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use moisson_model::{Expr, KeywordGroup, RecordId, Viewer};
use moisson_thesaurus::{Concept, Label, Thesaurus, fold, search_terms};

use crate::{Error, PutOutcome, Result};

/// A stored thesaurus, without its concepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThesaurusInfo {
    pub id: String,
    pub uri: String,
    pub titles: Vec<Label>,
    pub aliases: Vec<String>,
    pub top_concepts: Vec<String>,
    pub concepts: u64,
    pub updated: DateTime<Utc>,
}

/// A concept found by an autocomplete prefix: preferred labels rank first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptHit {
    pub concept: Concept,
    /// 0: a preferred label starts with the prefix, 1: a word of one does, 2-3: the same
    /// for alternative labels, 4: a hidden label.
    pub rank: u8,
}

/// How many visible matching records are under one concept (itself or a narrower one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeBucket {
    pub concept: Concept,
    pub count: u64,
}

/// The themed facet of one thesaurus: its concepts with records, most records first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFacet {
    pub thesaurus: String,
    pub buckets: Vec<ThemeBucket>,
}

/// A concept a record is under: `direct` when one of its keywords names it, else it is
/// a broader concept of one that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordConcept {
    pub thesaurus: String,
    pub concept: Concept,
    pub direct: bool,
}

fn unsupported<T>() -> Result<T> {
    Err(Error::UnsupportedQuery(
        "this store does not keep thesauri".to_owned(),
    ))
}

/// Thesauri and themed browsing. Defaults refuse, so a store without them builds.
#[async_trait]
pub trait ThesaurusStore: Send + Sync {
    /// Stores a thesaurus under its id, replacing the one stored under that id (its
    /// concepts, labels and hierarchy) in one transaction, and links every record's
    /// keywords to it again. A superadmin's only (thesauri serve every organisation).
    async fn put_thesaurus(&self, thesaurus: Thesaurus, actor: &Viewer) -> Result<PutOutcome> {
        let _ = (thesaurus, actor);
        unsupported()
    }

    /// Every stored thesaurus, by id.
    async fn thesauri(&self) -> Result<Vec<ThesaurusInfo>> {
        unsupported()
    }

    /// Concepts of thesaurus `id` with a label, or a word of one, starting with `prefix`
    /// (accents and case ignored): preferred labels first, then alphabetically. `None`
    /// when the thesaurus is absent. An empty prefix lists the top concepts.
    async fn find_concepts(
        &self,
        id: &str,
        prefix: &str,
        limit: u32,
    ) -> Result<Option<Vec<ConceptHit>>> {
        let _ = (id, prefix, limit);
        unsupported()
    }

    /// Per thesaurus asked, the concepts of the records matching `filter` that `viewer`
    /// may see, each counting the records under it or under a narrower concept; at most
    /// `limit` per thesaurus, most records first.
    async fn theme_facets(
        &self,
        filter: &Expr,
        viewer: &Viewer,
        thesauri: &[String],
        limit: u32,
    ) -> Result<Vec<ThemeFacet>> {
        let _ = (filter, viewer, thesauri, limit);
        unsupported()
    }

    /// The concepts a record is under, `None` when the record is absent or hidden from
    /// `viewer`.
    async fn record_concepts(
        &self,
        id: &RecordId,
        viewer: &Viewer,
    ) -> Result<Option<Vec<RecordConcept>>> {
        let _ = (id, viewer);
        unsupported()
    }
}

/// Refuses an actor other than a superadmin.
pub(crate) fn check_manager(actor: &Viewer) -> Result<()> {
    if actor.sees_all() {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "only a superadmin may import thesauri".to_owned(),
        ))
    }
}

/// One keyword of a record as the links see it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct KeywordRef {
    /// The folded keyword (or one of its translations).
    pub norm: String,
    pub uri: Option<String>,
    /// The folded title of the block's thesaurus.
    pub block: Option<String>,
    /// The folded anchor URI of the block's thesaurus.
    pub block_uri: Option<String>,
}

/// The references of a record's keywords: each keyword's text and translations, with
/// its anchor and its block's thesaurus, each once.
pub(crate) fn keyword_refs(groups: &[KeywordGroup]) -> Vec<KeywordRef> {
    let mut refs = Vec::new();
    for g in groups {
        let title = g.thesaurus.as_ref().map(|t| &t.title);
        let block = title.map(|t| fold(&t.text)).filter(|t| !t.is_empty());
        let block_uri = title.and_then(|t| t.uri.as_deref()).map(fold);
        for k in &g.keywords {
            let uri = k
                .uri
                .as_ref()
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty());
            for text in std::iter::once(&k.text).chain(k.text_i18n.values()) {
                let norm = fold(text);
                if norm.is_empty() && uri.is_none() {
                    continue;
                }
                refs.push(KeywordRef {
                    norm,
                    uri: uri.clone(),
                    block: block.clone(),
                    block_uri: block_uri.clone(),
                });
            }
        }
    }
    refs.sort();
    refs.dedup();
    refs
}

/// One autocomplete term of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermRow<'a> {
    pub uri: &'a str,
    pub term: String,
    pub rank: i16,
    /// Whether `term` is a whole label (what keywords are linked by).
    pub whole: bool,
}

/// Every (term, concept) of a thesaurus once, with its best rank.
pub(crate) fn term_rows(t: &Thesaurus) -> Vec<TermRow<'_>> {
    use std::collections::BTreeMap;
    let mut best: BTreeMap<(String, &str), (i16, bool)> = BTreeMap::new();
    for c in &t.concepts {
        for (kind, label) in c.labels() {
            let base: i16 = match kind {
                moisson_thesaurus::LabelKind::Preferred => 0,
                moisson_thesaurus::LabelKind::Alternative => 2,
                moisson_thesaurus::LabelKind::Hidden => 4,
            };
            let folded = fold(&label.text);
            for (i, term) in search_terms(&folded).into_iter().enumerate() {
                let whole = i == 0;
                let rank = if whole || base == 4 { base } else { base + 1 };
                let e = best
                    .entry((term.to_owned(), c.uri.as_str()))
                    .or_insert((rank, whole));
                *e = (e.0.min(rank), e.1 || whole);
            }
        }
    }
    best.into_iter()
        .map(|((term, uri), (rank, whole))| TermRow {
            uri,
            term,
            rank,
            whole,
        })
        .collect()
}

/// The exclusive upper bound of the terms starting with `prefix`.
pub(crate) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// A concept from its stored JSON.
pub(crate) fn concept_of(json: &str) -> Result<Concept> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("a stored concept: {e}")))
}

/// The stored JSON of a concept.
pub(crate) fn concept_json(c: &Concept) -> String {
    serde_json::to_string(c).unwrap_or_default()
}

/// What `thesauri.doc` keeps besides the columns (JSON).
pub(crate) fn info_doc(t: &Thesaurus) -> serde_json::Value {
    serde_json::json!({
        "titles": t.titles,
        "aliases": t.aliases,
        "top_concepts": t.top_concepts,
    })
}

pub(crate) fn info_of(
    id: String,
    uri: String,
    doc: &serde_json::Value,
    concepts: i64,
    updated: DateTime<Utc>,
) -> Result<ThesaurusInfo> {
    let field = |name: &str| doc.get(name).cloned().unwrap_or_default();
    let corrupt = |e: serde_json::Error| Error::Corrupt(format!("the stored thesaurus {id}: {e}"));
    Ok(ThesaurusInfo {
        titles: serde_json::from_value(field("titles")).map_err(corrupt)?,
        aliases: serde_json::from_value(field("aliases")).map_err(corrupt)?,
        top_concepts: serde_json::from_value(field("top_concepts")).map_err(corrupt)?,
        concepts: u64::try_from(concepts).unwrap_or(0),
        updated,
        id,
        uri,
    })
}

/// Facet rows `(thesaurus, concept JSON, count)` → facets in the asked order, each
/// sorted by count then label, cut at `limit`.
pub(crate) fn facets_of(
    rows: Vec<(String, String, i64)>,
    thesauri: &[String],
    limit: u32,
) -> Result<Vec<ThemeFacet>> {
    let mut facets: Vec<ThemeFacet> = thesauri
        .iter()
        .map(|t| ThemeFacet {
            thesaurus: t.clone(),
            buckets: Vec::new(),
        })
        .collect();
    for (t, json, count) in rows {
        if let Some(f) = facets.iter_mut().find(|f| f.thesaurus == t) {
            f.buckets.push(ThemeBucket {
                concept: concept_of(&json)?,
                count: u64::try_from(count).unwrap_or(0),
            });
        }
    }
    for f in &mut facets {
        f.buckets.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.concept.uri.cmp(&b.concept.uri))
        });
        f.buckets
            .truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(facets)
}

#[cfg(test)]
mod tests {
    use moisson_model::{Anchored, Thesaurus as BlockThesaurus};

    use super::*;

    #[test]
    fn the_store_and_the_thesauri_fold_alike() {
        for s in ["Échelle Ça ŒUF", "Eaux usées", " Station d'épuration "] {
            assert_eq!(crate::text::fold(s.trim()), fold(s));
        }
    }

    #[test]
    fn keyword_refs_carry_anchor_block_and_translations() {
        let mut k = Anchored::text("Usage des sols");
        k.uri = Some("http://inspire.ec.europa.eu/theme/lu".to_owned());
        k.text_i18n.insert("eng".to_owned(), "Land use".to_owned());
        let g = KeywordGroup {
            thesaurus: Some(BlockThesaurus {
                title: Anchored::text("GEMET - INSPIRE themes, version 1.0"),
                ..BlockThesaurus::default()
            }),
            kind: None,
            keywords: vec![k],
        };
        let refs = keyword_refs(&[g]);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].norm, "land use");
        assert_eq!(refs[1].norm, "usage des sols");
        assert_eq!(
            refs[1].block.as_deref(),
            Some("gemet - inspire themes, version 1.0")
        );
    }
}
