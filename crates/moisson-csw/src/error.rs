//! The CSW error: each variant knows its OWS exception code, locator and class.

use moisson_model::{Classify, ErrorClass};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("missing parameter {0}")]
    MissingParameter(String),
    #[error("invalid value of {locator}: {message}")]
    InvalidParameter { locator: String, message: String },
    #[error("operation {0} is not supported")]
    OperationNotSupported(String),
    #[error("none of the accepted versions ({0}) is supported; this service speaks 2.0.2")]
    VersionNegotiationFailed(String),
    #[error("the capabilities have not changed since updateSequence {0}")]
    CurrentUpdateSequence(String),
    #[error("updateSequence {0} is greater than the current one")]
    InvalidUpdateSequence(String),
    #[error(transparent)]
    Filter(#[from] moisson_filter::Error),
    #[error("record: {0}")]
    Record(#[from] moisson_iso::Error),
    #[error("store: {0}")]
    Store(#[from] moisson_store::Error),
    #[error("this operation needs credentials (Authorization: Bearer …)")]
    Unauthorized,
    /// The credentials do not verify.
    #[error(transparent)]
    Auth(#[from] moisson_auth::AuthError),
    /// The request document breaks the CSW schema (an element where none may be): pycsw
    /// and the CITE assertions answer NoApplicableCode, as a schema validator would.
    #[error("the request document is not valid: {0}")]
    InvalidDocument(String),
    #[error("harvest of {url} failed: {message}")]
    Harvest { url: String, message: String },
    /// Writing a record as GeoDCAT-AP failed: a server fault, whatever the dcat error says.
    #[error("writing a record as DCAT: {0}")]
    Dcat(#[from] moisson_dcat::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(locator: &str, message: impl Into<String>) -> Self {
        Self::InvalidParameter {
            locator: locator.to_owned(),
            message: message.into(),
        }
    }

    /// The OWS 1.0 `exceptionCode` and `locator`.
    #[must_use]
    pub fn exception_code(&self) -> (&'static str, Option<String>) {
        match self {
            Self::MissingParameter(l) => ("MissingParameterValue", Some(l.clone())),
            Self::InvalidParameter { locator, .. } => {
                ("InvalidParameterValue", Some(locator.clone()))
            }
            Self::OperationNotSupported(op) => ("OperationNotSupported", Some(op.clone())),
            Self::VersionNegotiationFailed(_) => (
                "VersionNegotiationFailed",
                Some("AcceptVersions".to_owned()),
            ),
            Self::CurrentUpdateSequence(_) => {
                ("CurrentUpdateSequence", Some("updateSequence".to_owned()))
            }
            Self::InvalidUpdateSequence(_) => {
                ("InvalidUpdateSequence", Some("updateSequence".to_owned()))
            }
            Self::Filter(_) => ("InvalidParameterValue", Some("Constraint".to_owned())),
            Self::Record(_) => ("InvalidParameterValue", Some("record".to_owned())),
            Self::Store(e) => match e.class() {
                ErrorClass::InvalidParameter { locator } => (
                    "InvalidParameterValue",
                    locator.or(Some("Constraint".to_owned())),
                ),
                _ => ("NoApplicableCode", None),
            },
            Self::Unauthorized | Self::Auth(_) => {
                ("NoApplicableCode", Some("Authorization".to_owned()))
            }
            Self::Harvest { .. } => ("NoApplicableCode", Some("Source".to_owned())),
            Self::InvalidDocument(_) => ("NoApplicableCode", None),
            Self::Dcat(_) => ("NoApplicableCode", None),
        }
    }

    /// The text shown to the client: never the source of an internal error.
    #[must_use]
    pub fn public_message(&self) -> String {
        match self.class() {
            ErrorClass::Internal => "internal error; see the server log".to_owned(),
            _ => self.to_string(),
        }
    }
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        match self {
            Self::MissingParameter(l) => ErrorClass::MissingParameter { locator: l.clone() },
            Self::Store(e) => e.class(),
            Self::Unauthorized => ErrorClass::Unauthorized,
            Self::Auth(e) => e.class(),
            Self::Harvest { .. } => ErrorClass::InvalidParameter {
                locator: Some("Source".to_owned()),
            },
            Self::Dcat(_) => ErrorClass::Internal,
            other => ErrorClass::InvalidParameter {
                locator: other.exception_code().1,
            },
        }
    }
}
