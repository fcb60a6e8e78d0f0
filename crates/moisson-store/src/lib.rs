#![doc = include_str!("../README.md")]

mod error;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod store;

pub use error::{Error, Result};
pub use store::*;

/// Opens the store a database URL names: `sqlite://path` (or a bare path).
/// `postgres://…` arrives with the PostgreSQL backend.
pub async fn open(url: &str) -> Result<std::sync::Arc<dyn Store>> {
    let path = sqlite_path(url)?;
    Ok(std::sync::Arc::new(sqlite::SqliteStore::open(path).await?))
}

/// Applies the pending migrations of the database a URL names (`moisson migrate`);
/// returns the versions applied, empty when the schema was already current.
pub async fn migrate(url: &str) -> Result<Vec<u32>> {
    let path = sqlite_path(url)?;
    sqlite::SqliteStore::migrate_path(path).await
}

fn sqlite_path(url: &str) -> Result<&str> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(Error::Config(
            "the PostgreSQL backend is not built yet; use sqlite://PATH".to_owned(),
        ));
    }
    Ok(url.strip_prefix("sqlite://").unwrap_or(url))
}
