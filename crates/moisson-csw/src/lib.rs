#![doc = include_str!("../README.md")]

pub mod capabilities;
pub mod config;
pub mod describe_record;
mod error;
pub mod exception;
pub mod get_domain;
pub mod get_record_by_id;
pub mod get_records;
pub mod harvest;
pub mod http;
pub mod kvp;
mod output;
pub mod post;
pub mod request;
pub mod transaction;
pub mod write;

use std::sync::Arc;

use moisson_model::Viewer;
use moisson_store::Store;
use subtle::ConstantTimeEq;

pub use config::CswConfig;
pub use error::{Error, Error as CswError, Result};
pub use http::configure;
pub use request::Request;

/// What the CSW handlers need; registered by the server as `web::Data<CswState>`.
#[derive(Clone)]
pub struct CswState {
    pub store: Arc<dyn Store>,
    /// Bearer token that may run Transaction and Harvest. `None`: both refused.
    pub admin_token: Option<String>,
    /// Base URL of the server, without trailing slash; the endpoint is `{public_url}/csw`.
    pub public_url: String,
    pub config: Arc<CswConfig>,
    /// `updateSequence` of the capabilities: the time the state was built (YYYYMMDDhhmmss).
    pub update_sequence: String,
}

impl CswState {
    #[must_use]
    pub fn new(
        store: Arc<dyn Store>,
        admin_token: Option<String>,
        public_url: impl Into<String>,
        config: CswConfig,
    ) -> Self {
        Self {
            store,
            admin_token,
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            config: Arc::new(config),
            update_sequence: chrono::Utc::now().format("%Y%m%d%H%M%S").to_string(),
        }
    }

    /// The URL of the endpoint.
    #[must_use]
    pub fn endpoint(&self) -> String {
        format!("{}/csw", self.public_url)
    }

    /// The actor of a write: `Admin` with the configured bearer token, else `Unauthorized`.
    pub fn writer(&self, authorization: Option<&str>) -> Result<Viewer> {
        let expected = self
            .admin_token
            .as_deref()
            .filter(|t| !t.is_empty())
            .ok_or(Error::Unauthorized)?;
        let given = authorization
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim())
            .ok_or(Error::Unauthorized)?;
        if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
            Ok(Viewer::Admin)
        } else {
            Err(Error::Unauthorized)
        }
    }
}

impl std::fmt::Debug for CswState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CswState")
            .field(
                "admin_token",
                &self.admin_token.as_ref().map(|_| "<redacted>"),
            )
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

/// Runs a request for a caller (`authorization` is the HTTP header, for writes) and
/// returns the response document.
pub async fn execute(
    state: &CswState,
    request: Request,
    authorization: Option<&str>,
) -> Result<String> {
    let reader = Viewer::anonymous();
    match request {
        Request::GetCapabilities(r) => capabilities::get_capabilities(state, &r),
        Request::DescribeRecord(r) => Ok(describe_record::describe_record(&r)),
        Request::GetRecords(r) => get_records::get_records(state, &r, &reader).await,
        Request::GetRecordById(r) => get_record_by_id::get_record_by_id(state, &r, &reader).await,
        Request::GetDomain(r) => get_domain::get_domain(state, &r, &reader).await,
        Request::Transaction(r) => {
            let actor = state.writer(authorization)?;
            transaction::transaction(state, r, &actor).await
        }
        Request::Harvest(r) => {
            let actor = state.writer(authorization)?;
            harvest::harvest(state, &r, &actor).await
        }
    }
}

/// Current time as `xsd:dateTime`.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
