//! The four serialisations: media types, suffixes, content negotiation, and reading and
//! writing a graph with the oxigraph parsers and serialisers.

use oxrdf::{Graph, TripleRef};
use oxrdfio::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSerializer};

use crate::error::{Error, Result};
use crate::{jsonld, vocab};

/// An RDF serialisation Moisson reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    JsonLd,
    Turtle,
    RdfXml,
    NTriples,
}

impl Format {
    pub const ALL: [Self; 4] = [Self::JsonLd, Self::Turtle, Self::RdfXml, Self::NTriples];

    /// The `Content-Type` written (with charset for the text formats).
    #[must_use]
    pub fn media_type(self) -> &'static str {
        match self {
            Self::JsonLd => "application/ld+json",
            Self::Turtle => "text/turtle",
            Self::RdfXml => "application/rdf+xml",
            Self::NTriples => "application/n-triples",
        }
    }

    /// The path suffix selecting this format (`/dcat/catalog.ttl`).
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::JsonLd => "jsonld",
            Self::Turtle => "ttl",
            Self::RdfXml => "rdf",
            Self::NTriples => "nt",
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::JsonLd => "JSON-LD",
            Self::Turtle => "Turtle",
            Self::RdfXml => "RDF/XML",
            Self::NTriples => "N-Triples",
        }
    }

    #[must_use]
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "jsonld" | "json" => Some(Self::JsonLd),
            "ttl" => Some(Self::Turtle),
            "rdf" | "xml" => Some(Self::RdfXml),
            "nt" => Some(Self::NTriples),
            _ => None,
        }
    }

    /// The format of a media type (parameters ignored), or of a format name
    /// (`turtle`, `jsonld`, `rdfxml`, `ntriples`).
    #[must_use]
    pub fn from_media_type(media: &str) -> Option<Self> {
        let essence = media
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/ld+json" | "application/json" | "jsonld" | "json-ld" => Some(Self::JsonLd),
            "text/turtle" | "application/x-turtle" | "turtle" => Some(Self::Turtle),
            "application/rdf+xml"
            | "application/xml"
            | "text/xml"
            | "rdfxml"
            | "rdf/xml"
            | "xml" => Some(Self::RdfXml),
            "application/n-triples" | "text/plain" | "ntriples" | "n-triples" => {
                Some(Self::NTriples)
            }
            _ => Self::from_extension(&essence),
        }
    }

    /// Content negotiation: the acceptable format of highest `q` (ties: the first listed).
    /// `None` when the header names media types and none is RDF. A missing header or
    /// `*/*` gives RDF/XML, the format every DCAT harvester reads.
    #[must_use]
    pub fn negotiate(accept: Option<&str>) -> Option<Self> {
        let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
            return Some(Self::RdfXml);
        };
        let mut best: Option<(f32, Self)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let media = parts.next().unwrap_or_default().trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let format = match media {
                "*/*" | "application/*" => Some(Self::RdfXml),
                "text/*" => Some(Self::Turtle),
                m if m != "text/plain" => Self::from_media_type(m),
                _ => None,
            };
            if let Some(f) = format.filter(|_| q > 0.0 && best.is_none_or(|(bq, _)| q > bq)) {
                best = Some((q, f));
            }
        }
        best.map(|(_, f)| f)
    }

    pub(crate) fn rdf_format(self) -> RdfFormat {
        match self {
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            Self::Turtle => RdfFormat::Turtle,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::NTriples => RdfFormat::NTriples,
        }
    }
}

/// Writes a graph: subjects in order, documented prefixes; JSON-LD compacted with the
/// documented context ([`jsonld::context`]).
pub fn write(graph: &Graph, format: Format) -> Result<Vec<u8>> {
    let serialise = |source| Error::Serialise {
        format: format.name(),
        source,
    };
    let mut triples: Vec<TripleRef<'_>> = graph.iter().collect();
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.as_str().to_owned(),
            t.object.to_string(),
        )
    });
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
    let mut writer = serializer.for_writer(Vec::new());
    for triple in triples {
        writer.serialize_triple(triple).map_err(serialise)?;
    }
    let bytes = writer.finish().map_err(serialise)?;
    if format == Format::JsonLd {
        return jsonld::compact(&bytes).map_err(|e| serialise(std::io::Error::other(e)));
    }
    Ok(bytes)
}

/// Parses a document into a graph (named graphs are merged into it).
pub fn parse(bytes: &[u8], format: Format) -> Result<Graph> {
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(format.rdf_format()).for_slice(bytes) {
        let quad = quad.map_err(|e| Error::Syntax {
            format: format.name(),
            message: e.to_string(),
        })?;
        graph.insert(TripleRef::new(
            quad.subject.as_ref(),
            quad.predicate.as_ref(),
            quad.object.as_ref(),
        ));
    }
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(Format::negotiate(None), Some(Format::RdfXml));
        assert_eq!(Format::negotiate(Some("text/turtle")), Some(Format::Turtle));
        assert_eq!(
            Format::negotiate(Some("text/html, application/ld+json;q=0.9, */*;q=0.1")),
            Some(Format::JsonLd)
        );
        assert_eq!(
            Format::negotiate(Some("application/n-triples;q=0.5, text/turtle;q=0.8")),
            Some(Format::Turtle)
        );
        assert_eq!(Format::negotiate(Some("text/html")), None);
    }
}
