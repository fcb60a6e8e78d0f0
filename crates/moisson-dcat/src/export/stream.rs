//! The whole catalogue, written record by record: `start` (the catalogue's description)
//! → `write_record` for each record → `finish` (the catalogue's `dct:modified`). Memory
//! holds one record's graph at a time, whatever the size of the catalogue.
//!
//! Every serialisation is written by the oxigraph serialisers. Turtle, N-Triples and
//! JSON-LD are written in *fragments*: each record is formatted apart (a finished Turtle
//! document without its prefix lines, N-Triples lines, JSON-LD node objects), and the
//! fragments concatenate into the document, so that a fragment formatted on another
//! thread, or kept from an earlier export (`whole.rs`), is appended as bytes. RDF/XML
//! cannot be cut apart that way and goes through one streaming serialiser.
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
use oxrdfio::{RdfSerializer, WriterQuadSerializer};
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
    sink: Sink<W>,
    format: Format,
    records: u64,
    latest: Option<DateTime<Utc>>,
}

enum Sink<W: Write> {
    /// RDF/XML. Boxed: the serialiser is large and the sink is moved into the stream once.
    Rdf(Box<WriterQuadSerializer<W>>),
    /// Turtle, N-Triples, JSON-LD: fragments appended (`first`: no JSON-LD node written yet).
    Fragments {
        out: W,
        formatter: Formatter,
        first: bool,
    },
}

impl<W: Write> CatalogStream<W> {
    /// Writes the document's head (prefixes, JSON-LD context) and the catalogue's
    /// description.
    pub fn start(out: W, format: Format, ctx: &Context, config: &CatalogConfig) -> Result<Self> {
        let sink = if format == Format::RdfXml {
            Sink::Rdf(Box::new(serializer(format)?.for_writer(out)))
        } else {
            let mut out = out;
            if format == Format::JsonLd {
                let head = format!("{{\"@context\":{},\"@graph\":[\n", context());
                out.write_all(head.as_bytes())
                    .map_err(|e| serialise(format, e))?;
            }
            Sink::Fragments {
                out,
                formatter: Formatter::new(format)?,
                first: true,
            }
        };
        let mut stream = Self {
            sink,
            format,
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
        self.check_next(mapped.number)?;
        self.records += 1;
        if let Some(updated) = mapped.updated {
            self.latest = Some(self.latest.map_or(updated, |l| l.max(updated)));
        }
        self.write_triples(&mapped.triples)
    }

    /// Writes a record formatted ahead (see [`Fragment`]): it must be the next one, the
    /// `records() + 1`-th, and the stream must write fragments ([`Format::fragments`]).
    pub fn write_fragment(&mut self, fragment: &Fragment) -> Result<()> {
        self.check_next(fragment.number)?;
        let format = self.format;
        let Sink::Fragments { out, first, .. } = &mut self.sink else {
            return Err(Error::InvalidParameter {
                name: "format",
                reason: format!("{} is not written in fragments", format.name()),
            });
        };
        append(out, first, format, &fragment.bytes)?;
        self.records += 1;
        if let Some(updated) = fragment.updated {
            self.latest = Some(self.latest.map_or(updated, |l| l.max(updated)));
        }
        Ok(())
    }

    fn check_next(&self, number: u64) -> Result<()> {
        if number == self.records + 1 {
            return Ok(());
        }
        Err(Error::InvalidParameter {
            name: "record",
            reason: format!(
                "record {number} of the stream written as record {}",
                self.records + 1
            ),
        })
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
        let format = self.format;
        match self.sink {
            Sink::Rdf(serializer) => serializer.finish().map_err(|e| serialise(format, e)),
            Sink::Fragments { mut out, .. } => {
                if format == Format::JsonLd {
                    out.write_all(b"\n]}\n").map_err(|e| serialise(format, e))?;
                }
                Ok(out)
            }
        }
    }

    /// Writes triples grouped by subject (blank nodes already labelled for this stream).
    fn write_triples(&mut self, triples: &Grouped) -> Result<()> {
        let format = self.format;
        match &mut self.sink {
            Sink::Rdf(serializer) => {
                for triple in triples.iter() {
                    serializer
                        .serialize_triple(triple)
                        .map_err(|e| serialise(format, e))?;
                }
                Ok(())
            }
            Sink::Fragments {
                out,
                formatter,
                first,
            } => {
                let bytes = formatter.format(triples)?;
                append(out, first, format, &bytes)
            }
        }
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

/// Formats triples as a fragment: for Turtle a finished document without its prefix
/// lines (the stream writes them once, at the top), N-Triples lines, or JSON-LD node
/// objects separated by `,\n`. The serialiser is configured once and cloned per
/// fragment (its prefixes are parsed IRIs).
#[derive(Clone)]
pub struct Formatter {
    format: Format,
    template: Option<RdfSerializer>,
}

impl Formatter {
    /// A formatter of Turtle, N-Triples or JSON-LD fragments (not RDF/XML).
    pub fn new(format: Format) -> Result<Self> {
        let template = match format {
            Format::Turtle | Format::NTriples => Some(serializer(format)?),
            Format::JsonLd => None,
            Format::RdfXml => {
                return Err(Error::InvalidParameter {
                    name: "format",
                    reason: "RDF/XML is not written in fragments".to_owned(),
                });
            }
        };
        Ok(Self { format, template })
    }

    fn format(&self, triples: &Grouped) -> Result<Vec<u8>> {
        let format = self.format;
        let Some(template) = &self.template else {
            let mut out = Vec::with_capacity(4096);
            for (i, node) in json_nodes(triples).iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b",\n");
                }
                serde_json::to_writer(&mut out, node)
                    .map_err(|e| serialise(format, std::io::Error::other(e)))?;
            }
            return Ok(out);
        };
        let mut writer = template.clone().for_writer(Vec::with_capacity(4096));
        for triple in triples.iter() {
            writer
                .serialize_triple(triple)
                .map_err(|e| serialise(format, e))?;
        }
        let mut bytes = writer.finish().map_err(|e| serialise(format, e))?;
        // The prefix lines oxttl writes before the first triple: the stream writes
        // them once, before its first fragment (`append`).
        let mut body = 0;
        while bytes[body..].starts_with(b"@prefix ") {
            body += bytes[body..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len() - body, |n| n + 1);
        }
        bytes.drain(..body);
        Ok(bytes)
    }
}

/// Appends a fragment: the Turtle prefixes before the first, `,` between JSON-LD nodes.
fn append<W: Write>(out: &mut W, first: &mut bool, format: Format, bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    let io = |e| serialise(format, e);
    if *first {
        if format == Format::Turtle {
            for (prefix, ns) in vocab::PREFIXES {
                writeln!(out, "@prefix {prefix}: <{ns}> .").map_err(io)?;
            }
        }
    } else if format == Format::JsonLd {
        out.write_all(b",\n").map_err(io)?;
    }
    *first = false;
    out.write_all(bytes).map_err(io)
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
