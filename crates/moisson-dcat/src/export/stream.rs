//! The whole catalogue, written record by record: `start` (the catalogue's description)
//! → `write_record` for each record → `finish` (the catalogue's `dct:modified`). Memory
//! holds one record's graph at a time, whatever the size of the catalogue.
//!
//! Every serialisation is written by the oxigraph serialisers, in *fragments*: each
//! record is formatted apart (a finished Turtle document without its prefix lines,
//! N-Triples lines, RDF/XML elements without the declaration and root, JSON-LD node
//! objects), and the fragments concatenate into the document between a head and a tail,
//! so that a fragment formatted on another thread, or kept from an earlier export
//! (`whole.rs`), is appended as bytes. oxrdfxml declares any namespace that is not a
//! prefix on the element using it, so an RDF/XML fragment needs nothing from its root.
//! JSON-LD is written node by node as `{"@context": …, "@graph": [ … ]}` in the same
//! compacted shape as [`crate::jsonld::compact`] gives the paged catalogue (the oxjsonld
//! serialiser only writes the expanded form). Each record's blank nodes are labelled after
//! a digest of its id (`r{digest}b{k}`), so that records never share one, wherever and
//! whenever they were formatted; the catalogue is repeated as a small node per record
//! carrying its `dcat:dataset`/`dcat:record` links, which RDF merges.
//! There is no hydra paging: this is not a page.

use std::io::Write;

use chrono::{DateTime, Utc};
use oxrdf::{NamedOrBlankNodeRef, TermRef};
use oxrdfio::RdfSerializer;
use serde_json::{Map, Value};

use moisson_model::Record;

use super::catalog::{catalog_entry_triples, catalog_header_triples, catalog_modified_triples};
use super::{CatalogConfig, Context, Grouped};
use crate::error::{Error, Result};
use crate::format::Format;
use crate::jsonld::{compact_iri, context, unwrap_single};
use crate::vocab::{self, rdf, xsd};

/// A catalogue being written to `W` (wrap files in a `BufWriter`: the serialisers write
/// in small pieces).
pub struct CatalogStream<W: Write> {
    out: W,
    formatter: Formatter,
    /// No fragment written yet (the document's head is written before the first).
    first: bool,
    records: u64,
    latest: Option<DateTime<Utc>>,
}

impl<W: Write> CatalogStream<W> {
    /// Writes the document's head (prefixes, JSON-LD context, RDF/XML root) and the
    /// catalogue's description.
    pub fn start(out: W, format: Format, ctx: &Context, config: &CatalogConfig) -> Result<Self> {
        let mut stream = Self {
            out,
            formatter: Formatter::new(format)?,
            first: true,
            records: 0,
            latest: None,
        };
        stream.write_triples(&catalog_header_triples(ctx, config))?;
        Ok(stream)
    }

    /// Writes one record and the catalogue's links to it. `ctx` may differ from record
    /// to record (the datasets services operate on are looked up page by page).
    pub fn write_record(&mut self, record: &Record, ctx: &Context) -> Result<()> {
        self.write_mapped(MappedRecord::new(record, ctx, self.records + 1))
    }

    /// Writes a record mapped ahead (see [`MappedRecord`]): it must be the next one, the
    /// `records() + 1`-th.
    pub fn write_mapped(&mut self, mapped: MappedRecord) -> Result<()> {
        let fragment = mapped.format(&self.formatter)?;
        self.write_fragment(&fragment)
    }

    /// Writes a record formatted ahead (see [`Fragment`]), in this stream's format: it
    /// must be the next one, the `records() + 1`-th.
    pub fn write_fragment(&mut self, fragment: &Fragment) -> Result<()> {
        if fragment.number != self.records + 1 {
            return Err(Error::InvalidParameter {
                name: "record",
                reason: format!(
                    "record {} of the stream written as record {}",
                    fragment.number,
                    self.records + 1
                ),
            });
        }
        self.append(&fragment.bytes)?;
        self.records += 1;
        if let Some(updated) = fragment.updated {
            self.latest = Some(self.latest.map_or(updated, |l| l.max(updated)));
        }
        Ok(())
    }

    /// Records written so far.
    #[must_use]
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Writes the catalogue's `dct:modified` and closes the document; returns the writer
    /// (not flushed).
    pub fn finish(mut self, ctx: &Context) -> Result<W> {
        if let Some(latest) = self.latest {
            self.write_triples(&catalog_modified_triples(ctx, latest))?;
        }
        if self.first {
            self.append(b"")?;
        }
        let tail = self.formatter.tail();
        self.out.write_all(tail).map_err(|e| self.serialise(e))?;
        Ok(self.out)
    }

    /// Writes triples grouped by subject (blank nodes already labelled for this stream).
    fn write_triples(&mut self, triples: &Grouped) -> Result<()> {
        let bytes = self.formatter.format(triples)?;
        self.append(&bytes)
    }

    /// Appends a fragment: the document's head before the first, `,` between JSON-LD
    /// nodes.
    fn append(&mut self, bytes: &[u8]) -> Result<()> {
        if self.first {
            self.first = false;
            let head = self.formatter.head();
            self.out.write_all(head).map_err(|e| self.serialise(e))?;
        } else if self.formatter.format == Format::JsonLd && !bytes.is_empty() {
            self.out.write_all(b",\n").map_err(|e| self.serialise(e))?;
        }
        self.out.write_all(bytes).map_err(|e| self.serialise(e))
    }

    fn serialise(&self, source: std::io::Error) -> Error {
        serialise(self.formatter.format, source)
    }
}

/// A record mapped to the triples a [`CatalogStream`] writes for it, ahead of writing and
/// on any thread (mapping is most of the work of a whole-catalogue export, so records may
/// be mapped in parallel and written in order).
#[derive(Debug, Clone)]
pub struct MappedRecord {
    number: u64,
    triples: Grouped,
    updated: Option<DateTime<Utc>>,
}

impl MappedRecord {
    /// `record` as the `number`-th record of its stream (1-based; its blank nodes are
    /// labelled after a digest of its id, see [`blank_prefix`]).
    #[must_use]
    pub fn new(record: &Record, ctx: &Context, number: u64) -> Self {
        Self {
            number,
            triples: catalog_entry_triples(record, ctx, &blank_prefix(record)),
            updated: record.catalogue.updated,
        }
    }

    /// The record formatted as a fragment of `formatter`'s serialisation.
    pub fn format(&self, formatter: &Formatter) -> Result<Fragment> {
        Ok(Fragment {
            number: self.number,
            bytes: formatter.format(&self.triples)?,
            updated: self.updated,
        })
    }

    /// Its place in the stream (1-based).
    #[must_use]
    pub fn number(&self) -> u64 {
        self.number
    }
}

/// One record formatted apart, to append to a [`CatalogStream`] of the same format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    number: u64,
    bytes: Vec<u8>,
    updated: Option<DateTime<Utc>>,
}

impl Fragment {
    /// A fragment formatted earlier (kept by the store), as the `number`-th record.
    #[must_use]
    pub fn kept(number: u64, bytes: Vec<u8>, updated: Option<DateTime<Utc>>) -> Self {
        Self {
            number,
            bytes,
            updated,
        }
    }

    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Its bytes, to keep.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Formats triples as a fragment of a document: for Turtle a finished document without
/// its prefix lines, N-Triples lines, for RDF/XML the `rdf:Description` elements without
/// the XML declaration and `rdf:RDF` root, for JSON-LD node objects separated by `,\n`.
/// The document around them is the formatter's head and tail. The serialiser is
/// configured once and cloned per fragment (its prefixes are parsed IRIs).
#[derive(Clone)]
pub struct Formatter {
    format: Format,
    template: Option<RdfSerializer>,
    head: Vec<u8>,
}

impl Formatter {
    pub fn new(format: Format) -> Result<Self> {
        let template = match format {
            Format::JsonLd => None,
            _ => Some(serializer(format)?),
        };
        let head = match format {
            Format::Turtle => vocab::PREFIXES
                .iter()
                .map(|(prefix, ns)| format!("@prefix {prefix}: <{ns}> .\n"))
                .collect::<String>()
                .into_bytes(),
            Format::NTriples => Vec::new(),
            Format::JsonLd => format!("{{\"@context\":{},\"@graph\":[\n", context()).into_bytes(),
            Format::RdfXml => {
                // The declaration and root an empty document has (its namespaces are
                // the prefixes; others are declared on the elements that use them).
                let empty = serializer(format)?
                    .for_writer(Vec::new())
                    .finish()
                    .map_err(|e| serialise(format, e))?;
                let body = rdfxml_body(&empty);
                empty[..body.start].to_vec()
            }
        };
        Ok(Self {
            format,
            template,
            head,
        })
    }

    /// What the document starts with, before the first fragment.
    fn head(&self) -> &[u8] {
        &self.head
    }

    /// What the document ends with, after the last fragment.
    fn tail(&self) -> &'static [u8] {
        match self.format {
            Format::JsonLd => b"\n]}\n",
            Format::RdfXml => b"</rdf:RDF>\n",
            Format::Turtle | Format::NTriples => b"",
        }
    }

    fn format(&self, triples: &Grouped) -> Result<Vec<u8>> {
        let format = self.format;
        let Some(template) = &self.template else {
            let mut out = Vec::with_capacity(8192);
            for (i, node) in json_nodes(triples).iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b",\n");
                }
                serde_json::to_writer(&mut out, node)
                    .map_err(|e| serialise(format, std::io::Error::other(e)))?;
            }
            return Ok(out);
        };
        let mut writer = template.clone().for_writer(Vec::with_capacity(8192));
        for triple in triples.iter() {
            writer
                .serialize_triple(triple)
                .map_err(|e| serialise(format, e))?;
        }
        let mut bytes = writer.finish().map_err(|e| serialise(format, e))?;
        let body = match format {
            Format::RdfXml => rdfxml_body(&bytes),
            // The prefix lines oxttl writes before the first triple (the head has them).
            _ => {
                let mut start = 0;
                while bytes[start..].starts_with(b"@prefix ") {
                    start += bytes[start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(bytes.len() - start, |n| n + 1);
                }
                start..bytes.len()
            }
        };
        bytes.truncate(body.end);
        bytes.drain(..body.start);
        Ok(bytes)
    }
}

/// Where the elements of an RDF/XML document written by oxrdfxml are: after the line of
/// the `rdf:RDF` start tag, before its end tag.
fn rdfxml_body(document: &[u8]) -> std::ops::Range<usize> {
    let find = |needle: &[u8], from: usize| {
        document[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let root = find(b"<rdf:RDF", 0).unwrap_or(0);
    // Namespace IRIs cannot hold `>`: the first one closes the start tag.
    let start = find(b">", root).map_or(document.len(), |i| i + 1);
    let start = if document.get(start) == Some(&b'\n') {
        start + 1
    } else {
        start
    };
    let end = document
        .windows(b"</rdf:RDF>".len())
        .rposition(|w| w == b"</rdf:RDF>")
        .unwrap_or(document.len())
        .max(start);
    start..end
}

/// The oxigraph serialiser of `format`, with the documented prefixes (none in N-Triples).
fn serializer(format: Format) -> Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if format != Format::NTriples {
        for (prefix, ns) in vocab::PREFIXES {
            serializer =
                serializer
                    .with_prefix(prefix, ns)
                    .map_err(|e| Error::InvalidParameter {
                        name: "prefix",
                        reason: e.to_string(),
                    })?;
        }
    }
    Ok(serializer)
}

/// The prefix of a record's blank node labels: `r` and 96 bits of the SHA-256 of its id
/// (hex), the same in every export, so that fragments formatted apart or kept from an
/// earlier export never share a blank node.
fn blank_prefix(record: &Record) -> String {
    use sha2::{Digest, Sha256};
    let id = record.id.as_ref().map_or_else(
        || super::subject::content_id(record),
        |i| i.as_str().to_owned(),
    );
    let digest = Sha256::digest(id.as_bytes());
    format!("r{}", hex::encode(&digest[..12]))
}

fn serialise(format: Format, source: std::io::Error) -> Error {
    Error::Serialise {
        format: format.name(),
        source,
    }
}

/// The compacted JSON-LD node objects of triples grouped by subject, one per subject.
fn json_nodes(triples: &Grouped) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut current: Option<(NamedOrBlankNodeRef<'_>, Map<String, Value>)> = None;
    for t in triples.iter() {
        if current.as_ref().is_none_or(|(s, _)| *s != t.subject) {
            nodes.extend(current.take().map(|(_, n)| finish_node(n)));
            let mut node = Map::new();
            node.insert("@id".to_owned(), Value::String(node_id(t.subject)));
            current = Some((t.subject, node));
        }
        let Some((_, node)) = current.as_mut() else {
            continue;
        };
        let (key, value) = match t.object {
            TermRef::NamedNode(class) if t.predicate == rdf::TYPE => (
                "@type".to_owned(),
                Value::String(compact_iri(class.as_str())),
            ),
            object => (compact_iri(t.predicate.as_str()), json_value(object)),
        };
        let slot = node.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(values) = slot {
            values.push(value);
        }
    }
    nodes.extend(current.map(|(_, n)| finish_node(n)));
    nodes
}

fn finish_node(node: Map<String, Value>) -> Value {
    Value::Object(
        node.into_iter()
            .map(|(k, v)| match v {
                Value::Array(values) => (k, unwrap_single(values)),
                other => (k, other),
            })
            .collect(),
    )
}

fn node_id(node: NamedOrBlankNodeRef<'_>) -> String {
    match node {
        NamedOrBlankNodeRef::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNodeRef::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

/// A value object as oxjsonld writes it, with the datatype compacted.
fn json_value(term: TermRef<'_>) -> Value {
    let mut out = Map::new();
    match term {
        TermRef::NamedNode(n) => {
            out.insert("@id".to_owned(), Value::String(n.as_str().to_owned()));
        }
        TermRef::BlankNode(b) => {
            out.insert("@id".to_owned(), Value::String(format!("_:{}", b.as_str())));
        }
        TermRef::Literal(l) => {
            out.insert("@value".to_owned(), Value::String(l.value().to_owned()));
            if let Some(lang) = l.language() {
                out.insert("@language".to_owned(), Value::String(lang.to_owned()));
            } else if l.datatype() != xsd::STRING {
                let datatype = compact_iri(l.datatype().as_str());
                out.insert("@type".to_owned(), Value::String(datatype));
            }
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
    Value::Object(out)
}
