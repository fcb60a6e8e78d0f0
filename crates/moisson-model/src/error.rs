//! Error classes: each crate's error maps to one, and the protocol edge renders it.

/// How an error is shown to a client; rendered as an OWS ExceptionReport (CSW)
/// or RFC 7807 problem JSON (OGC API, REST).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorClass {
    /// A parameter or body has a bad value; `locator` names it.
    InvalidParameter {
        locator: Option<String>,
    },
    MissingParameter {
        locator: String,
    },
    NotFound,
    Unauthorized,
    Forbidden,
    Conflict,
    /// A conditional write whose condition (`If-Match`: the stored version) no longer
    /// holds: someone else wrote the record since the caller read it.
    PreconditionFailed,
    /// A write that must be conditional (`If-Match`) and is not.
    PreconditionRequired,
    PayloadTooLarge,
    UnsupportedMediaType,
    /// Never shown with its source; logged at the edge.
    Internal,
}

impl ErrorClass {
    /// HTTP status of this class.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self {
            Self::InvalidParameter { .. } | Self::MissingParameter { .. } => 400,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::PreconditionFailed => 412,
            Self::PreconditionRequired => 428,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Internal => 500,
        }
    }
}

/// Implemented by every crate's error enum.
pub trait Classify {
    fn class(&self) -> ErrorClass;
}

/// Errors of the model itself: validation of values.
#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// `bound`: the bound that fails, when one does (not for a malformed text).
    #[error(
        "invalid bounding box {bbox}: {}{reason}",
        bound.map(|b| format!("{} ", b.iso_name())).unwrap_or_default()
    )]
    InvalidBbox {
        bbox: String,
        reason: &'static str,
        bound: Option<crate::record::BboxBound>,
    },
    #[error("invalid record identifier: {0}")]
    InvalidId(&'static str),
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        let locator = match self {
            Self::InvalidBbox { bound, .. } => bound
                .map_or("bbox", crate::record::BboxBound::iso_name)
                .to_owned(),
            Self::InvalidId(_) => "id".to_owned(),
            Self::Invalid { field, .. } => field.clone(),
        };
        ErrorClass::InvalidParameter {
            locator: Some(locator),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
