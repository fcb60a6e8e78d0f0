//! The crate's one error type, classified for the protocol edge.

use moisson_model::{Classify, ErrorClass};

/// What can go wrong reading, writing or serving DCAT.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid RDF in the announced format (with the parser's position).
    #[error("invalid {format} input: {message}")]
    Syntax {
        format: &'static str,
        message: String,
    },
    /// No serialisation matches the media type or suffix asked for.
    #[error("unsupported RDF format {0:?}")]
    UnsupportedFormat(String),
    /// A query parameter has a bad value.
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter { name: &'static str, reason: String },
    #[error("record {0} not found")]
    NotFound(String),
    /// Writing a serialisation failed (an I/O error on an in-memory buffer).
    #[error("serialising {format}")]
    Serialise {
        format: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[cfg(feature = "http")]
    #[error("store")]
    Store(#[from] moisson_store::Error),
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Syntax { .. } => ErrorClass::InvalidParameter { locator: None },
            Self::UnsupportedFormat(_) => ErrorClass::InvalidParameter {
                locator: Some("format".to_owned()),
            },
            Self::InvalidParameter { name, .. } => ErrorClass::InvalidParameter {
                locator: Some((*name).to_owned()),
            },
            Self::NotFound(_) => ErrorClass::NotFound,
            Self::Serialise { .. } => ErrorClass::Internal,
            #[cfg(feature = "http")]
            Self::Store(e) => e.class(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
