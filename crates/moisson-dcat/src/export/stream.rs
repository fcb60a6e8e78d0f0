//! The whole catalogue, written record by record: `start` (the catalogue's description)
//! → `write_record` for each record → `finish` (the catalogue's `dct:modified`). Memory
//! holds one record's graph at a time, whatever the size of the catalogue.
//!
//! Turtle, N-Triples and RDF/XML go through the oxigraph streaming serialisers.
//! JSON-LD is written node by node as `{"@context": …, "@graph": [ … ]}` in the same
//! compacted shape as [`crate::jsonld::compact`] gives the paged catalogue (the oxjsonld
//! serialiser only writes the expanded form). Each record's blank nodes are labelled
//! `r{n}b{k}` so that records never share one; the catalogue is repeated as a small node
//! per record carrying its `dcat:dataset`/`dcat:record` links, which RDF merges.
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
    /// Boxed: the serialiser is large and the sink is moved into the stream once.
    Rdf(Box<WriterQuadSerializer<W>>),
    JsonLd {
        out: W,
        first: bool,
    },
}

impl<W: Write> CatalogStream<W> {
    /// Writes the document's head (prefixes, JSON-LD context) and the catalogue's
    /// description.
    pub fn start(out: W, format: Format, ctx: &Context, config: &CatalogConfig) -> Result<Self> {
        let sink = if format == Format::JsonLd {
            let mut out = out;
            let head = format!("{{\"@context\":{},\"@graph\":[\n", context());
            out.write_all(head.as_bytes())
                .map_err(|e| serialise(format, e))?;
            Sink::JsonLd { out, first: true }
        } else {
            let mut serializer = RdfSerializer::from_format(format.rdf_format());
            if format != Format::NTriples {
                for (prefix, ns) in vocab::PREFIXES {
                    serializer = serializer.with_prefix(prefix, ns).map_err(|e| {
                        Error::InvalidParameter {
                            name: "prefix",
                            reason: e.to_string(),
                        }
                    })?;
                }
            }
            Sink::Rdf(Box::new(serializer.for_writer(out)))
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
        if mapped.number != self.records + 1 {
            return Err(Error::InvalidParameter {
                name: "record",
                reason: format!(
                    "record {} of the stream written as record {}",
                    mapped.number,
                    self.records + 1
                ),
            });
        }
        self.records += 1;
        if let Some(updated) = mapped.updated {
            self.latest = Some(self.latest.map_or(updated, |l| l.max(updated)));
        }
        self.write_triples(&mapped.triples)
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
            Sink::JsonLd { mut out, .. } => {
                out.write_all(b"\n]}\n").map_err(|e| serialise(format, e))?;
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
            Sink::JsonLd { out, first } => {
                for node in json_nodes(triples) {
                    if !*first {
                        out.write_all(b",\n").map_err(|e| serialise(format, e))?;
                    }
                    *first = false;
                    serde_json::to_writer(&mut *out, &node)
                        .map_err(|e| serialise(format, std::io::Error::other(e)))?;
                }
                Ok(())
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
    /// labelled `r{number}b…`, so that records never share one).
    #[must_use]
    pub fn new(record: &Record, ctx: &Context, number: u64) -> Self {
        Self {
            number,
            triples: catalog_entry_triples(record, ctx, &format!("r{number}")),
            updated: record.catalogue.updated,
        }
    }

    /// Its place in the stream (1-based).
    #[must_use]
    pub fn number(&self) -> u64 {
        self.number
    }
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
