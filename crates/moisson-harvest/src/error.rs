//! Harvest errors: what stops a run (the remote side, the store, the source settings).

use moisson_model::{Classify, ErrorClass};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The remote side failed: unreachable, an HTTP error, a page too large or unreadable,
    /// paging that never ends or skips records.
    #[error("{url}: {message}")]
    Remote { url: String, message: String },
    /// The source's settings cannot be used (bad URL, unsupported kind, bad option).
    #[error("source settings: {0}")]
    Settings(String),
    /// No such source (or not managed by the caller).
    #[error("unknown harvest source {0}")]
    UnknownSource(String),
    /// The caller may not do this (a one-shot harvest by someone who administers no
    /// organisation, or several).
    #[error("{0}")]
    Forbidden(String),
    /// Another run of the source holds its job lock (on this node or another).
    #[error("harvest source {0} is already being harvested")]
    Busy(String),
    #[error(transparent)]
    Store(#[from] moisson_store::Error),
}

impl Error {
    pub(crate) fn remote(url: &str, message: impl Into<String>) -> Self {
        Self::Remote {
            url: url.to_owned(),
            message: message.into(),
        }
    }
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Settings(_) => ErrorClass::InvalidParameter { locator: None },
            Self::UnknownSource(_) => ErrorClass::NotFound,
            Self::Busy(_) => ErrorClass::Conflict,
            Self::Forbidden(_) => ErrorClass::Forbidden,
            Self::Store(e) => e.class(),
            Self::Remote { .. } => ErrorClass::Internal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
