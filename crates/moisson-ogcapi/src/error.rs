//! The crate's one error type, classified through `moisson_model::ErrorClass`.

use moisson_model::{Classify, ErrorClass};

/// Everything an OGC API request can fail with; rendered as an OGC API exception
/// (RFC 7807 problem JSON) by [`crate::exception`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A query parameter has a bad value; `name` is the parameter.
    #[error("invalid value of {name}: {reason}")]
    InvalidParameter { name: String, reason: String },
    #[error("unknown query parameter {0:?}; see the OpenAPI document at /ogcapi/api")]
    UnknownParameter(String),
    #[error("parameter {0} is given more than once")]
    RepeatedParameter(String),
    #[error("no collection {0:?}; this catalogue has one collection, `main`")]
    CollectionNotFound(String),
    #[error("no record with identifier {0:?}")]
    RecordNotFound(String),
    /// The `filter` does not parse or names an unknown queryable.
    #[error("invalid filter: {0}")]
    Filter(#[source] moisson_filter::Error),
    #[error(transparent)]
    Store(#[from] moisson_store::Error),
    /// The request's credentials do not verify.
    #[error(transparent)]
    Auth(#[from] moisson_auth::AuthError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidParameter {
            name: name.into(),
            reason: reason.into(),
        }
    }
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        let locator = |s: &str| ErrorClass::InvalidParameter {
            locator: Some(s.to_owned()),
        };
        match self {
            Self::InvalidParameter { name, .. }
            | Self::UnknownParameter(name)
            | Self::RepeatedParameter(name) => locator(name),
            Self::Filter(_) => locator("filter"),
            Self::CollectionNotFound(_) | Self::RecordNotFound(_) => ErrorClass::NotFound,
            Self::Auth(e) => e.class(),
            Self::Store(e) => match e.class() {
                ErrorClass::InvalidParameter { locator: None } => locator("filter"),
                other => other,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(Error::invalid("bbox", "x").class().http_status(), 400);
        assert_eq!(
            Error::UnknownParameter("x".into()).class().http_status(),
            400
        );
        assert_eq!(Error::RecordNotFound("x".into()).class().http_status(), 404);
        let unsupported = Error::from(moisson_store::Error::UnsupportedQuery("x".into()));
        assert_eq!(
            unsupported.class(),
            ErrorClass::InvalidParameter {
                locator: Some("filter".into())
            }
        );
        assert_eq!(
            Error::from(moisson_store::Error::Task("x".into())).class(),
            ErrorClass::Internal
        );
    }
}
