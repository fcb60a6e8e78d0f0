//! Model → DCAT-AP 3 / GeoDCAT-AP graph. One function per DCAT class; the mapping table is
//! `docs/dcat-mapping.md`.

pub(crate) mod agent;
mod catalog;
mod dataset;
mod distribution;
mod rights;
mod subject;

pub use catalog::{CatalogConfig, Page, catalog_graph};

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

use std::collections::BTreeMap;

use oxrdf::{BlankNode, Graph, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use moisson_model::Record;

use crate::tables::codes;
use crate::vocab::rdf;

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

    /// The catalogue IRI.
    #[must_use]
    pub fn catalog_iri(&self) -> String {
        format!("{}/dcat/catalog", self.public_url)
    }
}

/// Accumulates triples, with deterministic blank-node labels (`b1`, `b2`…).
pub(crate) struct Builder {
    pub graph: Graph,
    next: u64,
}

impl Builder {
    pub fn new() -> Self {
        Self {
            graph: Graph::new(),
            next: 0,
        }
    }

    pub fn bnode(&mut self) -> NamedOrBlankNode {
        self.next += 1;
        BlankNode::new_unchecked(format!("b{}", self.next)).into()
    }

    pub fn add(&mut self, s: &NamedOrBlankNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.graph
            .insert(&Triple::new(s.clone(), p.into_owned(), o));
    }

    pub fn a(&mut self, s: &NamedOrBlankNode, class: NamedNodeRef<'_>) {
        self.add(s, rdf::TYPE, class.into_owned());
    }

    /// Adds `s p <iri>` when `iri` is a valid absolute IRI; returns the node.
    pub fn iri(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'_>,
        iri: &str,
    ) -> Option<NamedOrBlankNode> {
        let node = valid_iri(iri)?;
        self.add(s, p, node.clone());
        Some(node.into())
    }

    /// Adds a text, language-tagged when the record's language is known; skips blanks.
    pub fn text(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'_>,
        text: &str,
        lang: Option<&str>,
    ) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let literal = match lang {
            Some(l) => Literal::new_language_tagged_literal_unchecked(text, l),
            None => Literal::new_simple_literal(text),
        };
        self.add(s, p, literal);
    }

    pub fn typed(
        &mut self,
        s: &NamedOrBlankNode,
        p: NamedNodeRef<'_>,
        value: &str,
        datatype: NamedNodeRef<'_>,
    ) {
        self.add(s, p, Literal::new_typed_literal(value, datatype));
    }

    /// Adds a date typed `xsd:date`, `xsd:dateTime`, `xsd:gYear…` as it is written; skips
    /// values that are none of these.
    pub fn date(&mut self, s: &NamedOrBlankNode, p: NamedNodeRef<'_>, value: &str) {
        if let Some(datatype) = codes::date_datatype(value.trim()) {
            self.typed(s, p, value.trim(), datatype);
        }
    }
}

/// A named node of an absolute `http(s)`, `urn` or `mailto` IRI.
pub(crate) fn valid_iri(iri: &str) -> Option<NamedNode> {
    let iri = iri.trim();
    let scheme_ok = ["http://", "https://", "urn:", "mailto:", "tel:"]
        .iter()
        .any(|s| iri.starts_with(s));
    scheme_ok.then(|| NamedNode::new(iri).ok()).flatten()
}

/// The graph of one record: its dataset (series, service), distributions and catalogue
/// record.
#[must_use]
pub fn record_graph(record: &Record, ctx: &Context) -> Graph {
    let mut b = Builder::new();
    add_record(&mut b, record, ctx);
    b.graph
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
