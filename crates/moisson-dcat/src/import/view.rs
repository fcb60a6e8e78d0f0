//! Convenience reads over a graph: objects of a property, texts in a preferred language.

use oxrdf::{Graph, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, TermRef};

use crate::vocab::{dcat, dct, foaf, rdf};

pub(super) struct View<'a> {
    pub graph: &'a Graph,
}

impl<'a> View<'a> {
    pub fn new(graph: &'a Graph) -> Self {
        Self { graph }
    }

    pub fn objects(&self, s: NamedOrBlankNodeRef<'a>, p: NamedNodeRef<'_>) -> Vec<TermRef<'a>> {
        let mut v: Vec<TermRef<'a>> = self.graph.objects_for_subject_predicate(s, p).collect();
        v.sort_by_key(ToString::to_string);
        v
    }

    /// Objects that are resources (IRIs or blank nodes).
    pub fn nodes(
        &self,
        s: NamedOrBlankNodeRef<'a>,
        p: NamedNodeRef<'_>,
    ) -> Vec<NamedOrBlankNodeRef<'a>> {
        self.objects(s, p)
            .into_iter()
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n.into()),
                TermRef::BlankNode(b) => Some(b.into()),
                _ => None,
            })
            .collect()
    }

    /// [`View::nodes`] ordered by what they say (their triples, blank objects
    /// anonymised) rather than by label: blank-node labels are random per parse, so
    /// ordering by them would make each import of the same document differ.
    pub fn nodes_by_content(
        &self,
        s: NamedOrBlankNodeRef<'a>,
        p: NamedNodeRef<'_>,
    ) -> Vec<NamedOrBlankNodeRef<'a>> {
        let mut nodes = self.nodes(s, p);
        nodes.sort_by_cached_key(|n| {
            let mut lines: Vec<String> = self
                .graph
                .triples_for_subject(*n)
                .map(|t| match t.object {
                    TermRef::BlankNode(_) => format!("{} _", t.predicate),
                    o => format!("{} {o}", t.predicate),
                })
                .collect();
            lines.sort();
            (
                matches!(n, NamedOrBlankNodeRef::BlankNode(_)),
                lines,
                n.to_string(),
            )
        });
        nodes
    }

    /// Object IRIs as strings.
    pub fn iris(&self, s: NamedOrBlankNodeRef<'a>, p: NamedNodeRef<'_>) -> Vec<String> {
        self.objects(s, p)
            .into_iter()
            .filter_map(|o| iri(o).map(str::to_owned))
            .collect()
    }

    pub fn literals(&self, s: NamedOrBlankNodeRef<'a>, p: NamedNodeRef<'_>) -> Vec<LiteralRef<'a>> {
        self.objects(s, p)
            .into_iter()
            .filter_map(|o| {
                if let TermRef::Literal(l) = o {
                    Some(l)
                } else {
                    None
                }
            })
            .collect()
    }

    /// A literal in `lang`, else one without language, else the first.
    pub fn text(
        &self,
        s: NamedOrBlankNodeRef<'a>,
        p: NamedNodeRef<'_>,
        lang: Option<&str>,
    ) -> Option<String> {
        let all = self.literals(s, p);
        let pick = lang
            .and_then(|l| {
                all.iter()
                    .find(|x| x.language().is_some_and(|t| t.split('-').next() == Some(l)))
            })
            .or_else(|| all.iter().find(|x| x.language().is_none()))
            .or_else(|| all.first());
        pick.map(|l| l.value().trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    /// Texts in `lang` (or without language); all of them when none is.
    pub fn texts(
        &self,
        s: NamedOrBlankNodeRef<'a>,
        p: NamedNodeRef<'_>,
        lang: Option<&str>,
    ) -> Vec<String> {
        let all = self.literals(s, p);
        let matching: Vec<_> = all
            .iter()
            .filter(|x| {
                x.language()
                    .is_none_or(|t| lang.is_some_and(|l| t.split('-').next() == Some(l)))
            })
            .collect();
        let chosen: Vec<_> = if matching.is_empty() {
            all.iter().collect()
        } else {
            matching
        };
        chosen
            .into_iter()
            .map(|l| l.value().trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    }

    pub fn has_type(&self, s: NamedOrBlankNodeRef<'a>, class: NamedNodeRef<'_>) -> bool {
        self.graph
            .objects_for_subject_predicate(s, rdf::TYPE)
            .any(|o| o == class.into())
    }

    /// The dcat:CatalogRecord whose primary topic is `s` (not a record's `dct:source`).
    pub fn catalog_record(&self, s: NamedOrBlankNodeRef<'a>) -> Option<NamedOrBlankNodeRef<'a>> {
        let term = |n: NamedOrBlankNodeRef<'a>| -> TermRef<'a> {
            match n {
                NamedOrBlankNodeRef::NamedNode(n) => n.into(),
                NamedOrBlankNodeRef::BlankNode(b) => b.into(),
            }
        };
        let mut records: Vec<_> = self
            .graph
            .subjects_for_predicate_object(foaf::PRIMARY_TOPIC, term(s))
            .filter(|r| self.has_type(*r, dcat::CATALOG_RECORD))
            .collect();
        records.sort_by_key(|r| {
            self.graph
                .subject_for_predicate_object(dct::SOURCE, term(*r))
                .is_some()
        });
        records.first().copied()
    }
}

pub(super) fn iri(term: TermRef<'_>) -> Option<&str> {
    if let TermRef::NamedNode(n) = term {
        Some(n.as_str())
    } else {
        None
    }
}

pub(super) fn node_iri(node: NamedOrBlankNodeRef<'_>) -> Option<&str> {
    if let NamedOrBlankNodeRef::NamedNode(n) = node {
        Some(n.as_str())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{Format, parse};
    use crate::vocab::dcat;

    #[test]
    fn blank_distributions_come_in_content_order_whatever_their_labels() {
        let doc = |first: &str, second: &str| {
            format!(
                "@prefix dcat: <http://www.w3.org/ns/dcat#> .
                 <https://e.org/d> dcat:distribution _:{first}, _:{second} .
                 _:{first} dcat:accessURL <https://e.org/b> .
                 _:{second} dcat:accessURL <https://e.org/a> ."
            )
        };
        for (first, second) in [("x", "y"), ("y", "x")] {
            let graph = parse(doc(first, second).as_bytes(), Format::Turtle).expect("parses");
            let v = View::new(&graph);
            let s = NamedNodeRef::new_unchecked("https://e.org/d");
            let urls: Vec<String> = v
                .nodes_by_content(s.into(), dcat::DISTRIBUTION_P)
                .into_iter()
                .flat_map(|d| v.iris(d, dcat::ACCESS_URL))
                .collect();
            assert_eq!(urls, ["https://e.org/a", "https://e.org/b"]);
        }
    }
}
