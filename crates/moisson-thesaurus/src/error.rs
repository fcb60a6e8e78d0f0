//! The crate's one error type.

/// What can go wrong reading a thesaurus.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not RDF in the stated syntax.
    #[error("not valid {syntax}: {message}")]
    Syntax {
        syntax: &'static str,
        message: String,
    },
    /// The file name does not say which RDF syntax it is in.
    #[error("cannot tell the RDF syntax of {0:?}: name it .rdf, .xml, .ttl, .nt, .jsonld or .json")]
    UnknownSyntax(String),
    /// The graph holds no skos:ConceptScheme (or not the one asked for).
    #[error("no skos:ConceptScheme {0}in the document")]
    NoScheme(String),
    /// The scheme holds no skos:Concept.
    #[error("the concept scheme {0} has no skos:Concept")]
    NoConcept(String),
    /// A thesaurus id that cannot be a URL path segment.
    #[error("invalid thesaurus id {0:?}: use letters, digits, '-' or '_' (at most 64)")]
    InvalidId(String),
}
