//! Model → DCAT-AP 3 / GeoDCAT-AP graph. One function per DCAT class; the mapping table is
//! `docs/dcat-mapping.md`.

pub(crate) mod agent;
mod catalog;
mod dataset;
mod distribution;
mod rights;
mod stream;
mod subject;

pub use subject::{ResourceIdentity, resource_identity};

pub use catalog::{CatalogConfig, Page, catalog_graph};
pub use stream::{CatalogStream, Formatter, Fragment, MappedRecord};

/// Builds the [`Served`] map of a set of records: each record by id and by its resource
/// identifiers' codes (what `srv:operatesOn/@uuidref` names).
#[must_use]
pub fn served_by(records: &[Record]) -> BTreeMap<String, Served> {
    let mut out = BTreeMap::new();
    for r in records {
        let Some(id) = &r.id else { continue };
        let served = Served {
            id: id.to_string(),
            title: r.title.clone(),
            description: r.abstract_text.clone(),
        };
        for key in
            std::iter::once(id.to_string()).chain(r.identifiers.iter().map(|i| i.code.clone()))
        {
            out.entry(key).or_insert_with(|| served.clone());
        }
    }
    out
}

/// Whether a record's triples depend on other records (a service names the datasets it
/// operates on with their titles, as the viewer may see them): its fragment is then never
/// kept, since it would not follow those records' edits and rights.
#[must_use]
pub fn depends_on_others(record: &Record) -> bool {
    record.service.iter().any(|s| {
        s.operates_on
            .iter()
            .any(|o| o.uuidref.as_deref().is_some_and(|u| !u.trim().is_empty()))
    })
}

use std::collections::BTreeMap;

use oxrdf::{
    BlankNode, Graph, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, TermRef, Triple,
    TripleRef,
};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use moisson_model::Record;

use crate::format::Format;
use crate::tables::codes;
use crate::vocab::{rdf, xsd};

/// Characters of a record id written as-is in a path: unreserved characters and `/`.
const ID_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Where minted IRIs point: the configured public URL of the server, never localhost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    public_url: String,
    landing_page: Option<String>,
    served: BTreeMap<String, Served>,
}

/// A dataset a service operates on, as the catalogue knows it: `dcat:servesDataset` points
/// at its minted IRI and the graph carries its type, title and description so that the
/// reference is typed (DCAT-AP range). Targets the catalogue does not hold are not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The record id of the dataset.
    pub id: String,
    pub title: String,
    pub description: String,
}

impl Context {
    /// `public_url` without trailing slash, e.g. `https://catalogue.example.fr`.
    #[must_use]
    pub fn new(public_url: &str) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            landing_page: None,
            served: BTreeMap::new(),
        }
    }

    /// A landing-page template with `{id}` (the encoded record id), e.g.
    /// `https://portail.example.fr/fiche/{id}`. Default: the REST record URL.
    #[must_use]
    pub fn with_landing_page(mut self, template: Option<String>) -> Self {
        self.landing_page = template.filter(|t| !t.trim().is_empty());
        self
    }

    /// The datasets services may operate on, by `srv:operatesOn/@uuidref` (record id or
    /// resource identifier code).
    #[must_use]
    pub fn with_served(mut self, served: BTreeMap<String, Served>) -> Self {
        self.served = served;
        self
    }

    #[must_use]
    pub fn served(&self, uuidref: &str) -> Option<&Served> {
        self.served.get(uuidref.trim())
    }

    #[must_use]
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The record id as written in a path: `/` kept (but never doubled), the rest encoded.
    #[must_use]
    pub fn encode_id(id: &str) -> String {
        utf8_percent_encode(id, ID_PATH)
            .to_string()
            .replace("//", "/%2F")
    }

    /// `{public_url}/dcat/records/{id}`: the dcat:CatalogRecord, and the document that serves it.
    #[must_use]
    pub fn record_iri(&self, id: &str) -> String {
        format!("{}/dcat/records/{}", self.public_url, Self::encode_id(id))
    }

    /// `{public_url}/dcat/records/{id}#dataset`: the dataset, series or service described.
    #[must_use]
    pub fn resource_iri(&self, id: &str) -> String {
        format!("{}#dataset", self.record_iri(id))
    }

    /// The record id of an IRI minted by [`Context::resource_iri`] on any server.
    #[must_use]
    pub fn id_of_resource_iri(iri: &str) -> Option<String> {
        let (_, tail) = iri.split_once("/dcat/records/")?;
        let encoded = tail.strip_suffix("#dataset")?;
        Some(
            percent_encoding::percent_decode_str(encoded)
                .decode_utf8_lossy()
                .into_owned(),
        )
    }

    #[must_use]
    pub fn landing_page(&self, id: &str) -> String {
        let encoded = Self::encode_id(id);
        match &self.landing_page {
            Some(t) => t.replace("{id}", &encoded),
            None => format!("{}/api/v1/records/{encoded}", self.public_url),
        }
    }

    /// The ISO 19139 source of a record (CSW GetRecordById).
    #[must_use]
    pub fn iso_source(&self, id: &str) -> String {
        let q: String = utf8_percent_encode(id, NON_ALPHANUMERIC).to_string();
        format!(
            "{}/csw?service=CSW&version=2.0.2&request=GetRecordById&outputSchema={}&elementSetName=full&id={q}",
            self.public_url,
            crate::vocab::authority::ISO_19139_OUTPUT_SCHEMA
        )
    }

    /// What a record's fragment in `format` is made from besides the record: this build's
    /// mapping (a digest of its sources, `build.rs`), the format, the public URL and the
    /// landing-page template. Kept fragments are reused only under the same fingerprint.
    #[must_use]
    pub fn fingerprint(&self, format: Format) -> String {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        for part in [
            env!("MOISSON_DCAT_MAPPING"),
            format.extension(),
            &self.public_url,
            self.landing_page.as_deref().unwrap_or_default(),
        ] {
            digest.update(part.as_bytes());
            digest.update([0]);
        }
        hex::encode(&digest.finalize()[..16])
    }

    /// The catalogue IRI.
    #[must_use]
    pub fn catalog_iri(&self) -> String {
        format!("{}/dcat/catalog", self.public_url)
    }
}

/// Accumulates triples, with deterministic blank-node labels (`b1`, `b2`…, after a
/// prefix when one is given). Triples are kept in a list (duplicates included, each
/// node stored once, predicates, classes, datatypes and language tags borrowed) and made
/// into a graph or a grouped list once: inserting each into an indexed `oxrdf::Graph`
/// was most of the cost of a whole-catalogue export, and copying each term the next.
pub(crate) struct Builder {
    /// Every node used as subject or object (blank nodes from their creation).
    subjects: Vec<NamedOrBlankNode>,
    triples: Vec<(usize, NamedNodeRef<'static>, Object)>,
    next: u64,
    blank_prefix: String,
}

/// The object of a triple as [`Builder`] keeps it.
#[derive(Debug, Clone)]
pub(crate) enum Object {
    /// A vocabulary IRI (a class, a scheme…).
    Vocab(NamedNodeRef<'static>),
    /// A node, by its index in the builder's `subjects`.
    Node(usize),
    /// A literal: language-tagged when `language` is given, else typed by `datatype`.
    Literal {
        value: String,
        language: Option<&'static str>,
        datatype: NamedNodeRef<'static>,
    },
}

impl Object {
    pub(crate) fn as_ref<'a>(&'a self, subjects: &'a [NamedOrBlankNode]) -> TermRef<'a> {
        match self {
            Self::Vocab(n) => (*n).into(),
            Self::Node(i) => subjects[*i].as_ref().into(),
            Self::Literal {
                value,
                language: Some(language),
                ..
            } => LiteralRef::new_language_tagged_literal_unchecked(value, language).into(),
            Self::Literal {
                value, datatype, ..
            } => LiteralRef::new_typed_literal(value, *datatype).into(),
        }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::with_blank_prefix("")
    }

    /// Blank nodes labelled `{prefix}b1`, `{prefix}b2`…: records written one after the
    /// other into one document never share a blank node.
    pub fn with_blank_prefix(prefix: &str) -> Self {
        Self {
            subjects: Vec::with_capacity(32),
            triples: Vec::with_capacity(128),
            next: 0,
            blank_prefix: prefix.to_owned(),
        }
    }

    /// The triples as a graph (duplicates merged).
    pub fn into_graph(self) -> Graph {
        let subjects = self.subjects;
        self.triples
            .iter()
            .map(|(s, p, o)| {
                Triple::new(subjects[*s].clone(), *p, o.as_ref(&subjects).into_owned())
            })
            .collect()
    }

    /// The triples without duplicates, grouped by subject (subjects in the order they were
    /// first used) and within a subject by predicate.
    pub fn into_grouped(self) -> Grouped {
        let Self {
            subjects,
            mut triples,
            ..
        } = self;
        // Stable: the objects of a predicate stay in the order they were added.
        triples.sort_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let (pa, pb) = (a.1.as_str(), b.1.as_str());
                // Mostly the very same constant: no need to read it.
                if std::ptr::eq(pa, pb) {
                    std::cmp::Ordering::Equal
                } else {
                    pa.cmp(pb)
                }
            })
        });
        let mut out: Vec<(usize, NamedNodeRef<'static>, Object)> =
            Vec::with_capacity(triples.len());
        // Where the current (subject, predicate) run starts in `out`: duplicates are in it.
        let mut run_start = 0;
        for t in triples {
            if !out.last().is_some_and(|l| l.0 == t.0 && l.1 == t.1) {
                run_start = out.len();
            }
            let object = t.2.as_ref(&subjects);
            if !out[run_start..]
                .iter()
                .any(|o| o.2.as_ref(&subjects) == object)
            {
                out.push(t);
            }
        }
        Grouped {
            subjects,
            triples: out,
        }
    }

    pub fn bnode(&mut self) -> NamedOrBlankNode {
        self.next += 1;
        let node: NamedOrBlankNode =
            BlankNode::new_unchecked(format!("{}b{}", self.blank_prefix, self.next)).into();
        self.subjects.push(node.clone());
        node
    }

    /// The index of a node in `subjects`: triples of one subject are mostly added one
    /// after the other, so the last one is checked first, then the few seen (tens), the
    /// latest first.
    fn node(&mut self, s: &NamedOrBlankNode) -> usize {
        if let Some(&(last, _, _)) = self.triples.last()
            && self.subjects[last] == *s
        {
            return last;
        }
        if let Some(i) = self.subjects.iter().rposition(|known| known == s) {
            return i;
        }
        self.subjects.push(s.clone());
        self.subjects.len() - 1
    }

    fn push(&mut self, s: &NamedOrBlankNode, p: NamedNodeRef<'static>, o: Object) {
        let s = self.node(s);
        self.triples.push((s, p, o));
    }

    /// Adds `s p o` where `o` is a node (stored once, whatever links to it).
    pub fn link(&mut self, s: &NamedOrBlankNode, p: NamedNodeRef<'static>, o: &NamedOrBlankNode) {
        let o = self.node(o);
        self.push(s, p, Object::Node(o));
    }

    /// Adds `s p o` where `o` is a vocabulary IRI.
    pub fn vocab(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        o: NamedNodeRef<'static>,
    ) {
        self.push(s, p, Object::Vocab(o));
    }

    pub fn a(&mut self, s: &NamedOrBlankNode, class: NamedNodeRef<'static>) {
        self.vocab(s, rdf::TYPE, class);
    }

    /// Adds `s p <iri>` when `iri` is a valid absolute IRI; returns the node.
    pub fn iri(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        iri: &str,
    ) -> Option<NamedOrBlankNode> {
        let node: NamedOrBlankNode = valid_iri(iri)?.into();
        self.link(s, p, &node);
        Some(node)
    }

    /// Adds a text, language-tagged when the record's language is known; skips blanks.
    pub fn text(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        text: &str,
        lang: Option<&'static str>,
    ) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.literal(s, p, text.to_owned(), lang, xsd::STRING);
    }

    /// Adds the translations of a text (`title_i18n`, `Anchored::text_i18n`), each tagged
    /// with its language: those whose language has no known tag, or is the record's own
    /// (`main`, already said by `text`), are left out, so that a property never holds two
    /// texts of one language.
    pub fn translations(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        translations: &BTreeMap<String, String>,
        main: Option<&'static str>,
    ) {
        for (language, text) in translations {
            let Some(tag) = codes::language_tag(language) else {
                continue;
            };
            if Some(tag) != main {
                self.text(s, p, text, Some(tag));
            }
        }
    }

    fn literal(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        value: String,
        language: Option<&'static str>,
        datatype: NamedNodeRef<'static>,
    ) {
        self.push(
            s,
            p,
            Object::Literal {
                value,
                language,
                datatype,
            },
        );
    }

    pub fn typed(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'static>,
        value: &str,
        datatype: NamedNodeRef<'static>,
    ) {
        self.literal(s, p, value.to_owned(), None, datatype);
    }

    /// Adds a date typed `xsd:date`, `xsd:dateTime`, `xsd:gYear…` as it is written; skips
    /// values that are none of these.
    pub fn date(&mut self, s: &NamedOrBlankNode, p: NamedNodeRef<'static>, value: &str) {
        if let Some(datatype) = codes::date_datatype(value.trim()) {
            self.typed(s, p, value.trim(), datatype);
        }
    }
}

/// Triples without duplicates, grouped by subject then predicate (see
/// [`Builder::into_grouped`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Grouped {
    subjects: Vec<NamedOrBlankNode>,
    triples: Vec<(usize, NamedNodeRef<'static>, Object)>,
}

impl Grouped {
    pub fn iter(&self) -> impl Iterator<Item = TripleRef<'_>> {
        self.triples
            .iter()
            .map(|(s, p, o)| TripleRef::new(&self.subjects[*s], *p, o.as_ref(&self.subjects)))
    }
}

/// A named node of an absolute `http(s)`, `urn` or `mailto` IRI.
pub(crate) fn valid_iri(iri: &str) -> Option<NamedNode> {
    let iri = iri.trim();
    let scheme_ok = ["http://", "https://", "urn:", "mailto:", "tel:"]
        .iter()
        .any(|s| iri.starts_with(s));
    if !scheme_ok {
        return None;
    }
    if VALID_IRIS.with_borrow(|known| known.contains(iri)) {
        return Some(NamedNode::new_unchecked(iri));
    }
    let node = NamedNode::new(iri).ok()?;
    VALID_IRIS.with_borrow_mut(|known| {
        if known.len() < VALID_IRIS_KEPT {
            known.insert(iri.into());
        }
    });
    Some(node)
}

/// How many IRIs [`VALID_IRIS`] keeps per thread (a few hundred kilobytes at most).
const VALID_IRIS_KEPT: usize = 4096;

thread_local! {
    /// IRIs already found valid on this thread: records cite the same themes, licences,
    /// languages, roles, standards and formats over and over, and parsing each IRI again
    /// was a twentieth of a whole-catalogue export. The first IRIs met are kept (those
    /// repeated are met early); once full, the others are parsed each time.
    static VALID_IRIS: std::cell::RefCell<std::collections::HashSet<Box<str>>> =
        std::cell::RefCell::default();
}

/// The graph of one record: its dataset (series, service), distributions and catalogue
/// record.
#[must_use]
pub fn record_graph(record: &Record, ctx: &Context) -> Graph {
    let mut b = Builder::new();
    add_record(&mut b, record, ctx);
    b.into_graph()
}

/// Adds a record; returns the resource node and whether it is a service.
pub(crate) fn add_record(
    b: &mut Builder,
    record: &Record,
    ctx: &Context,
) -> (NamedOrBlankNode, bool) {
    let id = record
        .id
        .as_ref()
        .map_or_else(|| subject::content_id(record), |i| i.as_str().to_owned());
    let resource: NamedOrBlankNode = NamedNode::new_unchecked(ctx.resource_iri(&id)).into();
    let is_service = subject::is_service(record);
    dataset::add(b, &resource, record, ctx, &id);
    catalog::add_catalog_record(b, &resource, record, ctx, &id);
    (resource, is_service)
}
