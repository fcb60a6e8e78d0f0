//! Store errors.

use moisson_model::{Classify, ErrorClass};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The record is refused (bad extent, missing id…); the message says why.
    #[error("invalid record: {0}")]
    Invalid(String),
    /// The filter uses something this backend cannot evaluate.
    #[error("unsupported query: {0}")]
    UnsupportedQuery(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A conditional write (`expected_version`) found the record at another version:
    /// nothing was written.
    #[error("version mismatch: {0}")]
    VersionMismatch(String),
    #[error("configuration: {0}")]
    Config(String),
    #[cfg(feature = "sqlite")]
    #[error("sqlite error while {1}")]
    Sqlite(#[source] rusqlite::Error, &'static str),
    #[cfg(feature = "pg")]
    #[error("PostgreSQL error while {1}")]
    Pg(#[source] tokio_postgres::Error, &'static str),
    /// No PostgreSQL connection could be had (the server is down, the pool is exhausted…).
    #[cfg(feature = "pg")]
    #[error("no PostgreSQL connection while {1}: {0}")]
    PgPool(String, &'static str),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database task failed: {0}")]
    Task(String),
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Invalid(_) | Self::UnsupportedQuery(_) => {
                ErrorClass::InvalidParameter { locator: None }
            }
            Self::Forbidden(_) => ErrorClass::Forbidden,
            Self::Conflict(_) => ErrorClass::Conflict,
            Self::VersionMismatch(_) => ErrorClass::PreconditionFailed,
            _ => ErrorClass::Internal,
        }
    }
}

impl From<moisson_model::error::Error> for Error {
    fn from(e: moisson_model::error::Error) -> Self {
        Self::Invalid(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
