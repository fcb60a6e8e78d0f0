//! The crate's one error type, classified through `moisson_model::ErrorClass`.

use moisson_model::{Classify, ErrorClass};

/// Everything a REST request can fail with. Rendered as RFC 7807 problem JSON by
/// [`crate::problem`]; `Internal` classes never show their source to the client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A query parameter, path segment or body field has a bad value.
    #[error("invalid {name}: {reason}")]
    InvalidParameter { name: String, reason: String },
    #[error("unknown query parameter {0:?}")]
    UnknownParameter(String),
    #[error("missing {0}")]
    MissingParameter(String),
    #[error("no record with identifier {0:?}")]
    RecordNotFound(String),
    #[error("no profile named {0:?}")]
    ProfileNotFound(String),
    /// No user, unit or API key with this identifier (or none the caller may see).
    #[error("no {what} {id:?}")]
    NotFound { what: &'static str, id: String },
    /// An anonymous caller asked for something that needs signing in.
    #[error("sign in first: this operation needs `Authorization: Bearer <token>`")]
    Unauthorized,
    /// The credentials do not verify, or logins are rate-limited.
    #[error(transparent)]
    Auth(#[from] moisson_auth::AuthError),
    #[error("the body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("unsupported content type {0:?}; send application/json or application/xml")]
    UnsupportedMediaType(String),
    /// The body is not valid UTF-8 (JSON bodies); `position` is the byte offset.
    #[error("the body is not valid UTF-8 (byte {position})")]
    InvalidUtf8 { position: usize },
    #[error("malformed JSON body: {0}")]
    Json(#[source] serde_json::Error),
    /// Fields of a record body that the record does not have (`titre` for `title`):
    /// refused rather than dropped.
    #[error("unknown field(s) of a record: {}; see schemas/record.schema.json", .0.join(", "))]
    UnknownFields(Vec<String>),
    #[error("unreadable XML body: {0}")]
    Xml(#[from] moisson_iso::Error),
    #[error(transparent)]
    Model(#[from] moisson_model::error::Error),
    /// `extra` does not satisfy the record's profile; `field` is the failing instance path.
    #[error("{field}: {message} (profile {profile})")]
    Profile {
        profile: String,
        field: String,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] moisson_store::Error),
    /// A harvest run that cannot start (unknown source, already running…).
    #[error(transparent)]
    Harvest(#[from] moisson_harvest::Error),
    /// Reading a profile directory at start-up.
    #[error("cannot load profile {path}: {message}")]
    ProfileLoad { path: String, message: String },
    /// `If-Match` names a version the record is no longer at.
    #[error("precondition failed: {0}")]
    PreconditionFailed(String),
    /// The server requires `If-Match` on record writes (`rest.require_if_match`).
    #[error(
        "this server requires If-Match on record writes: read the record, then send its \
         ETag as If-Match"
    )]
    PreconditionRequired,
    /// The request body could not be read (connection error).
    #[error("reading the request body failed: {0}")]
    Body(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidParameter {
            name: name.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            id: id.into(),
        }
    }

    /// Seconds to wait when this is a refused (rate-limited) login.
    #[must_use]
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Auth(moisson_auth::AuthError::RateLimited { retry_after_secs }) => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        let locator = |s: &str| ErrorClass::InvalidParameter {
            locator: Some(s.to_owned()),
        };
        match self {
            Self::InvalidParameter { name, .. } | Self::UnknownParameter(name) => locator(name),
            Self::MissingParameter(name) => ErrorClass::MissingParameter {
                locator: name.clone(),
            },
            Self::RecordNotFound(_) | Self::ProfileNotFound(_) | Self::NotFound { .. } => {
                ErrorClass::NotFound
            }
            Self::Unauthorized => ErrorClass::Unauthorized,
            Self::PreconditionFailed(_) => ErrorClass::PreconditionFailed,
            Self::PreconditionRequired => ErrorClass::PreconditionRequired,
            Self::PayloadTooLarge { .. } => ErrorClass::PayloadTooLarge,
            Self::UnsupportedMediaType(_) => ErrorClass::UnsupportedMediaType,
            Self::InvalidUtf8 { .. } | Self::Json(_) | Self::Xml(_) => locator("body"),
            Self::UnknownFields(fields) => locator(&fields.join(",")),
            Self::Profile { field, .. } => locator(field),
            Self::Model(e) => e.class(),
            Self::Store(e) => e.class(),
            Self::Harvest(e) => e.class(),
            Self::Auth(e) => e.class(),
            Self::ProfileLoad { .. } | Self::Body(_) => ErrorClass::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_carry_the_parameter_name() {
        let e = Error::invalid("bbox", "four numbers");
        assert_eq!(
            e.class(),
            ErrorClass::InvalidParameter {
                locator: Some("bbox".into())
            }
        );
        assert_eq!(
            Error::UnknownParameter("foo".into()).class().http_status(),
            400
        );
        assert_eq!(Error::Unauthorized.class().http_status(), 401);
        assert_eq!(
            Error::PayloadTooLarge { limit: 1 }.class().http_status(),
            413
        );
        assert_eq!(
            Error::UnsupportedMediaType("text/plain".into())
                .class()
                .http_status(),
            415
        );
        assert_eq!(Error::RecordNotFound("x".into()).class().http_status(), 404);
    }

    #[test]
    fn store_internal_errors_stay_internal() {
        let e = Error::from(moisson_store::Error::Task("boom".into()));
        assert_eq!(e.class(), ErrorClass::Internal);
        let e = Error::from(moisson_store::Error::Invalid("bad extent".into()));
        assert_eq!(e.class().http_status(), 400);
    }
}
