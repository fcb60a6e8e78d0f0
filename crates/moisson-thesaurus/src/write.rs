//! `Thesaurus` → SKOS in Turtle: what the shipped thesauri are normalised to (only the
//! properties Moisson keeps, so the files are smaller than their sources and hold
//! nothing but the vocabularies' own data).

use std::collections::BTreeMap;

use oxrdf::{Literal, NamedNode, NamedNodeRef, TripleRef};
use oxrdfio::{RdfFormat, RdfSerializer};

use crate::model::{Label, Thesaurus};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn skos(local: &str) -> NamedNode {
    iri(&format!("{SKOS}{local}"))
}

fn literal(l: &Label) -> Literal {
    if l.lang.is_empty() {
        Literal::new_simple_literal(&l.text)
    } else {
        Literal::new_language_tagged_literal_unchecked(&l.text, &l.lang)
    }
}

/// The namespaces (URI up to its last `/` or `#`) of the concepts, most used first.
fn namespaces(t: &Thesaurus) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &t.concepts {
        if let Some(i) = c.uri.rfind(['/', '#']) {
            *count.entry(&c.uri[..=i]).or_default() += 1;
        }
    }
    let mut ns: Vec<(&str, usize)> = count.into_iter().collect();
    ns.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    ns.into_iter().take(4).map(|(n, _)| n.to_owned()).collect()
}

/// The thesaurus as Turtle with `skos:`, `dct:` and the concepts' namespaces as prefixes.
/// Only skos:broader is written: `read` completes skos:narrower from it.
pub fn to_turtle(t: &Thesaurus) -> std::io::Result<Vec<u8>> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle)
        .with_prefix("skos", SKOS)
        .and_then(|s| s.with_prefix("dct", "http://purl.org/dc/terms/"))
        .map_err(std::io::Error::other)?;
    for (i, ns) in namespaces(t).iter().enumerate() {
        serializer = serializer
            .with_prefix(format!("c{i}"), ns)
            .map_err(std::io::Error::other)?;
    }
    let mut out = serializer.for_writer(Vec::new());
    let rdf_type = oxrdf::vocab::rdf::TYPE;
    let scheme = iri(&t.uri);
    out.serialize_triple(TripleRef::new(&scheme, rdf_type, &skos("ConceptScheme")))?;
    let title = iri("http://purl.org/dc/terms/title");
    for l in &t.titles {
        out.serialize_triple(TripleRef::new(&scheme, &title, &literal(l)))?;
    }
    for top in &t.top_concepts {
        out.serialize_triple(TripleRef::new(&scheme, &skos("hasTopConcept"), &iri(top)))?;
    }
    for c in &t.concepts {
        let s = iri(&c.uri);
        let mut triple = |p: &NamedNode, o: oxrdf::TermRef<'_>| {
            out.serialize_triple(TripleRef::new(&s, p.as_ref(), o))
        };
        triple(&NamedNode::from(rdf_type), skos("Concept").as_ref().into())?;
        triple(&skos("inScheme"), scheme.as_ref().into())?;
        let labels = [
            ("prefLabel", &c.pref_labels),
            ("altLabel", &c.alt_labels),
            ("hiddenLabel", &c.hidden_labels),
            ("definition", &c.definition),
        ];
        for (p, labels) in labels {
            for l in labels {
                triple(&skos(p), literal(l).as_ref().into())?;
            }
        }
        if let Some(n) = &c.notation {
            triple(
                &skos("notation"),
                Literal::new_simple_literal(n).as_ref().into(),
            )?;
        }
        let links = [
            ("broader", &c.broader),
            ("exactMatch", &c.exact_matches),
            ("closeMatch", &c.close_matches),
        ];
        for (p, uris) in links {
            for u in uris {
                triple(&skos(p), NamedNodeRef::new_unchecked(u).into())?;
            }
        }
    }
    out.finish()
}
