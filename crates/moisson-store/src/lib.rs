#![doc = include_str!("../README.md")]

mod error;
mod store;
#[cfg(feature = "sqlite")]
pub mod sqlite;

pub use error::{Error, Result};
pub use store::*;

/// Opens the store a database URL names: `sqlite://path` (or a bare path).
/// `postgres://…` arrives with the PostgreSQL backend.
pub async fn open(url: &str) -> Result<std::sync::Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(Error::Config(
            "the PostgreSQL backend is not built yet; use sqlite://PATH".to_owned(),
        ));
    }
    let path = url.strip_prefix("sqlite://").unwrap_or(url);
    Ok(std::sync::Arc::new(sqlite::SqliteStore::open(path).await?))
}
