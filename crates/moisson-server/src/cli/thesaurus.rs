//! `moisson thesaurus import | list`: SKOS thesauri from the command line, as
//! `Viewer::Admin` (whoever runs them already has the database).

use std::path::PathBuf;

use clap::Subcommand;

use super::DatabaseArgs;

#[derive(Debug, Subcommand)]
pub enum ThesaurusCommand {
    /// Import a SKOS file (RDF/XML .rdf/.xml, Turtle .ttl, N-Triples .nt, JSON-LD
    /// .jsonld/.json); importing again under the same id replaces it in place, and every
    /// record's keywords are linked to it again.
    Import {
        /// The SKOS file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Id of the thesaurus (letters, digits, '-', '_'); default: the file name.
        #[arg(long)]
        id: Option<String>,
        /// URI of the concept scheme to read when the file holds several (default: the
        /// one with the most concepts).
        #[arg(long, value_name = "URI")]
        scheme: Option<String>,
        /// Another name keyword blocks give it as their thesaurusName (repeatable).
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List the stored thesauri: id, concepts, title.
    List {
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

impl ThesaurusCommand {
    #[must_use]
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Import { db, .. } | Self::List { db } => db,
        }
    }
}
