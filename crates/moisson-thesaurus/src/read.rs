//! SKOS in RDF → `Thesaurus`.

use std::collections::{BTreeMap, BTreeSet};

use oxrdf::{NamedOrBlankNode, Term};
use oxrdfio::{JsonLdProfileSet, RdfFormat, RdfParser};

use crate::Error;
use crate::model::{Concept, Label, Thesaurus};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const TITLES: [&str; 4] = [
    "http://purl.org/dc/terms/title",
    "http://purl.org/dc/elements/1.1/title",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
];

/// The RDF syntaxes a thesaurus may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    RdfXml,
    Turtle,
    NTriples,
    JsonLd,
}

impl Syntax {
    /// By file name extension.
    pub fn of_path(name: &str) -> Result<Self, Error> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("rdf" | "xml" | "owl") => Ok(Self::RdfXml),
            Some("ttl") => Ok(Self::Turtle),
            Some("nt") => Ok(Self::NTriples),
            Some("jsonld" | "json") => Ok(Self::JsonLd),
            _ => Err(Error::UnknownSyntax(name.to_owned())),
        }
    }

    fn format(self) -> RdfFormat {
        match self {
            Self::RdfXml => RdfFormat::RdfXml,
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::RdfXml => "RDF/XML",
            Self::Turtle => "Turtle",
            Self::NTriples => "N-Triples",
            Self::JsonLd => "JSON-LD",
        }
    }
}

/// A subject's values, by predicate IRI.
#[derive(Default)]
struct Node {
    types: BTreeSet<String>,
    values: BTreeMap<String, Vec<Term>>,
}

impl Node {
    fn iris(&self, predicate: &str) -> impl Iterator<Item = &str> {
        self.values
            .get(predicate)
            .into_iter()
            .flatten()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
    }

    fn labels(&self, predicate: &str) -> Vec<Label> {
        let mut labels: Vec<Label> = self
            .values
            .get(predicate)
            .into_iter()
            .flatten()
            .filter_map(|t| match t {
                Term::Literal(l) if !l.value().trim().is_empty() => Some(Label {
                    lang: l.language().unwrap_or_default().to_ascii_lowercase(),
                    text: l.value().trim().to_owned(),
                }),
                _ => None,
            })
            .collect();
        labels.dedup();
        labels
    }
}

/// Reads the concept scheme of a SKOS document: the one `scheme` names, else the one
/// holding the most concepts. A concept belongs to it when it says so (skos:inScheme,
/// skos:topConceptOf, or the scheme's skos:hasTopConcept), or says nothing of any scheme.
/// Broader/narrower links are kept within the scheme, each direction completed from the
/// other. `id` is the catalogue's name for it.
pub fn read(
    bytes: &[u8],
    syntax: Syntax,
    id: &str,
    scheme: Option<&str>,
) -> Result<Thesaurus, Error> {
    Thesaurus::check_id(id)?;
    let nodes = parse(bytes, syntax)?;
    let schemes_of = membership(&nodes);
    let scheme_uri = pick_scheme(&nodes, &schemes_of, scheme)?;
    let in_scheme: BTreeSet<&str> = nodes
        .iter()
        .filter(|(uri, n)| {
            n.types.contains(&skos("Concept"))
                && schemes_of
                    .get(uri.as_str())
                    .is_none_or(|s| s.contains(scheme_uri.as_str()))
        })
        .map(|(uri, _)| uri.as_str())
        .collect();
    if in_scheme.is_empty() {
        return Err(Error::NoConcept(scheme_uri));
    }
    let mut concepts: BTreeMap<&str, Concept> = in_scheme
        .iter()
        .map(|uri| (*uri, concept(uri, &nodes[*uri])))
        .collect();
    complete_hierarchy(&mut concepts, &in_scheme);
    let scheme_node = nodes.get(&scheme_uri);
    let top_declared: BTreeSet<&str> = scheme_node
        .map(|n| n.iris(&skos("hasTopConcept")).collect())
        .unwrap_or_default();
    let top_concepts = concepts
        .values()
        .filter(|c| c.broader.is_empty() || top_declared.contains(c.uri.as_str()))
        .map(|c| c.uri.clone())
        .collect();
    Ok(Thesaurus {
        id: id.to_owned(),
        titles: scheme_node
            .map(|n| TITLES.iter().flat_map(|p| n.labels(p)).collect())
            .unwrap_or_default(),
        uri: scheme_uri,
        aliases: Vec::new(),
        top_concepts,
        concepts: concepts.into_values().collect(),
    })
}

fn skos(local: &str) -> String {
    format!("{SKOS}{local}")
}

fn parse(bytes: &[u8], syntax: Syntax) -> Result<BTreeMap<String, Node>, Error> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for quad in RdfParser::from_format(syntax.format()).for_slice(bytes) {
        let quad = quad.map_err(|e| Error::Syntax {
            syntax: syntax.name(),
            message: e.to_string(),
        })?;
        let NamedOrBlankNode::NamedNode(subject) = quad.subject else {
            continue;
        };
        let node = nodes.entry(subject.into_string()).or_default();
        match (quad.predicate.as_str(), quad.object) {
            (RDF_TYPE, Term::NamedNode(t)) => {
                node.types.insert(t.into_string());
            }
            (p, o) => node.values.entry(p.to_owned()).or_default().push(o),
        }
    }
    Ok(nodes)
}

/// Concept URI → the schemes it declares itself in (or that declare it a top concept).
fn membership(nodes: &BTreeMap<String, Node>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (uri, n) in nodes {
        for p in ["inScheme", "topConceptOf"] {
            for s in n.iris(&skos(p)) {
                of.entry(uri.as_str()).or_default().insert(s);
            }
        }
        for c in n.iris(&skos("hasTopConcept")) {
            of.entry(c).or_default().insert(uri.as_str());
        }
    }
    of
}

fn pick_scheme(
    nodes: &BTreeMap<String, Node>,
    schemes_of: &BTreeMap<&str, BTreeSet<&str>>,
    wanted: Option<&str>,
) -> Result<String, Error> {
    let schemes: Vec<&str> = nodes
        .iter()
        .filter(|(_, n)| n.types.contains(&skos("ConceptScheme")))
        .map(|(u, _)| u.as_str())
        .collect();
    if let Some(w) = wanted {
        return schemes
            .iter()
            .find(|s| **s == w)
            .map(|s| (*s).to_owned())
            .ok_or_else(|| Error::NoScheme(format!("{w} ")));
    }
    let size = |s: &str| schemes_of.values().filter(|of| of.contains(s)).count();
    schemes
        .iter()
        .max_by_key(|s| (size(s), std::cmp::Reverse(**s)))
        .map(|s| (*s).to_owned())
        .ok_or_else(|| Error::NoScheme(String::new()))
}

fn concept(uri: &str, n: &Node) -> Concept {
    let iris = |p: &str| -> Vec<String> {
        let mut v: Vec<String> = n.iris(&skos(p)).map(str::to_owned).collect();
        v.sort();
        v.dedup();
        v
    };
    Concept {
        uri: uri.to_owned(),
        pref_labels: n.labels(&skos("prefLabel")),
        alt_labels: n.labels(&skos("altLabel")),
        hidden_labels: n.labels(&skos("hiddenLabel")),
        broader: iris("broader"),
        narrower: iris("narrower"),
        exact_matches: iris("exactMatch"),
        close_matches: iris("closeMatch"),
        notation: n
            .labels(&skos("notation"))
            .into_iter()
            .next()
            .map(|l| l.text),
        definition: n.labels(&skos("definition")),
    }
}

/// Keeps links to concepts of the scheme only and adds each link's inverse.
fn complete_hierarchy(concepts: &mut BTreeMap<&str, Concept>, in_scheme: &BTreeSet<&str>) {
    let mut links: BTreeSet<(String, String)> = BTreeSet::new();
    for c in concepts.values() {
        for b in c.broader.iter().filter(|b| in_scheme.contains(b.as_str())) {
            links.insert((c.uri.clone(), b.clone()));
        }
        for n in c.narrower.iter().filter(|n| in_scheme.contains(n.as_str())) {
            links.insert((n.clone(), c.uri.clone()));
        }
    }
    for c in concepts.values_mut() {
        c.broader.clear();
        c.narrower.clear();
    }
    for (child, parent) in links {
        if child == parent {
            continue;
        }
        if let Some(c) = concepts.get_mut(child.as_str()) {
            c.broader.push(parent.clone());
        }
        if let Some(p) = concepts.get_mut(parent.as_str()) {
            p.narrower.push(child);
        }
    }
}
