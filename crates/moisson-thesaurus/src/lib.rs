//! SKOS thesauri: concept schemes with their concepts, labels per language,
//! broader/narrower links and exact/close matches, read from RDF/XML, Turtle, N-Triples
//! or JSON-LD (oxigraph's parsers), and the thesauri shipped with Moisson (`shipped`).
//!
//! A format crate: no I/O beyond the bytes it is given, no database. The store keeps
//! what `read` returns and links record keywords to concepts by URI or by folded label
//! (`fold`, the same folding as the store's keyword index).

mod error;
mod fold;
mod hierarchy;
mod model;
mod read;
pub mod shipped;
mod write;

pub use error::Error;
pub use fold::{fold, search_terms};
pub use model::{Concept, Label, LabelKind, Thesaurus};
pub use read::{Syntax, read};
pub use write::to_turtle;
