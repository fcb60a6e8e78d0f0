#![doc = include_str!("../README.md")]

mod accounts;
mod copy;
mod error;
mod harvest;
#[cfg(any(feature = "sqlite", feature = "pg"))]
mod index;
mod job;
mod merged;
#[cfg(feature = "pg")]
pub mod pg;
mod representations;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod store;
#[cfg(any(feature = "sqlite", feature = "pg"))]
mod summaries;
#[cfg(any(feature = "sqlite", feature = "pg"))]
mod text;
mod thesauri;
mod transfer;
mod words;

pub use accounts::{AccountStore, NewUser, UserChanges};
pub use copy::{CopySummary, Scope as CopyScope, TableCount, copy};
pub use error::{Error, Result};
pub use harvest::HarvestStore;
pub use job::JobGuard;
pub use representations::{Representation, RepresentationKind, Represented};
pub use store::*;
pub use thesauri::{
    ConceptHit, RecordConcept, ThemeBucket, ThemeFacet, ThesaurusInfo, ThesaurusStore,
};
pub use transfer::{Cell, Kind, Row, Table, TableTransfer, key_of};

use std::sync::Arc;

/// The backend a database URL names.
enum Backend<'a> {
    #[cfg_attr(
        not(feature = "sqlite"),
        expect(dead_code, reason = "sqlite feature off")
    )]
    Sqlite(&'a str),
    #[cfg_attr(not(feature = "pg"), expect(dead_code, reason = "pg feature off"))]
    Postgres(&'a str),
}

fn backend(url: &str) -> Backend<'_> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres(url)
    } else {
        Backend::Sqlite(url.strip_prefix("sqlite://").unwrap_or(url))
    }
}

/// Opens (and migrates) the store a database URL names: `postgres://…` or
/// `postgresql://…` for PostgreSQL, `sqlite://path` or a bare path for SQLite.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    match backend(url) {
        #[cfg(feature = "sqlite")]
        Backend::Sqlite(path) => Ok(Arc::new(sqlite::SqliteStore::open(path).await?)),
        #[cfg(feature = "pg")]
        Backend::Postgres(url) => Ok(Arc::new(pg::PgStore::open(url).await?)),
        #[allow(unreachable_patterns, reason = "depends on the enabled features")]
        _ => Err(not_built()),
    }
}

/// Applies the pending migrations of the database a URL names (`moisson migrate`);
/// returns the versions applied, empty when the schema was already current.
pub async fn migrate(url: &str) -> Result<Vec<u32>> {
    match backend(url) {
        #[cfg(feature = "sqlite")]
        Backend::Sqlite(path) => sqlite::SqliteStore::migrate_path(path).await,
        #[cfg(feature = "pg")]
        Backend::Postgres(url) => pg::PgStore::migrate_url(url).await,
        #[allow(unreachable_patterns, reason = "depends on the enabled features")]
        _ => Err(not_built()),
    }
}

fn not_built() -> Error {
    Error::Config("this build of Moisson does not include that database backend".to_owned())
}
