#![doc = include_str!("../README.md")]

mod atom;
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
pub mod json;
pub mod kvp;
mod output;
pub mod post;
pub mod request;
pub mod soap;
pub mod transaction;
pub mod write;

use std::sync::Arc;

use moisson_model::{Expr, Viewer};
use moisson_store::Store;

pub use config::CswConfig;
pub use error::{Error, Error as CswError, Result};
pub use http::configure;
pub use request::Request;

/// What the CSW handlers need; registered by the server as `web::Data<CswState>`, beside
/// the one `web::Data<moisson_auth::Authenticator>` that identifies callers.
#[derive(Clone)]
pub struct CswState {
    pub store: Arc<dyn Store>,
    /// Base URL of the server, without trailing slash; the endpoint is `{public_url}/csw`.
    pub public_url: String,
    pub config: Arc<CswConfig>,
    /// `updateSequence` of the capabilities: the time the state was built (YYYYMMDDhhmmss).
    pub update_sequence: String,
    /// The most records a GetRecords page holds, whatever `maxRecords` asks (`None`: no cap).
    pub max_records: Option<u32>,
    /// A restriction ANDed to every read (pycsw's `repository.filter`): records outside
    /// it are neither found nor fetched by id. `Expr::All`: none.
    pub restriction: Expr,
}

impl CswState {
    #[must_use]
    pub fn new(store: Arc<dyn Store>, public_url: impl Into<String>, config: CswConfig) -> Self {
        Self {
            store,
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            config: Arc::new(config),
            update_sequence: chrono::Utc::now().format("%Y%m%d%H%M%S").to_string(),
            max_records: None,
            restriction: Expr::All,
        }
    }

    /// Caps the records of a GetRecords page.
    #[must_use]
    pub fn with_max_records(mut self, cap: u32) -> Self {
        self.max_records = Some(cap);
        self
    }

    /// Restricts every read to the records matching `filter`.
    #[must_use]
    pub fn with_restriction(mut self, filter: Expr) -> Self {
        self.restriction = filter;
        self
    }

    /// A request's filter within the restriction.
    #[must_use]
    pub(crate) fn restrict(&self, filter: &Expr) -> Expr {
        within(&self.restriction, filter)
    }

    /// The URL of the endpoint.
    #[must_use]
    pub fn endpoint(&self) -> String {
        format!("{}/csw", self.public_url)
    }
}

impl std::fmt::Debug for CswState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CswState")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

/// `filter` within `restriction`: both ANDed, `Expr::All` left out.
fn within(restriction: &Expr, filter: &Expr) -> Expr {
    match (restriction, filter) {
        (Expr::All, f) => f.clone(),
        (r, Expr::All) => r.clone(),
        (r, f) => Expr::And(vec![r.clone(), f.clone()]),
    }
}

/// Runs a request for a caller and returns the response document. Reads show what the
/// caller may see; Transaction and Harvest need a signed-in caller, and the store checks
/// each write.
pub async fn execute(state: &CswState, request: Request, caller: &Viewer) -> Result<String> {
    let reader = caller;
    match request {
        Request::GetCapabilities(r) => capabilities::get_capabilities(state, &r),
        Request::DescribeRecord(r) => Ok(describe_record::describe_record(&r)),
        Request::GetRecords(r) => get_records::get_records(state, &r, reader).await,
        Request::GetRecordById(r) => get_record_by_id::get_record_by_id(state, &r, reader).await,
        Request::GetDomain(r) => get_domain::get_domain(state, &r, reader).await,
        Request::Transaction(r) => transaction::transaction(state, r, signed_in(caller)?).await,
        Request::Harvest(r) => harvest::harvest(state, &r, signed_in(caller)?).await,
    }
}

/// The caller of a write: anonymous callers are asked for credentials (401).
fn signed_in(caller: &Viewer) -> Result<&Viewer> {
    if caller.is_signed_in() {
        Ok(caller)
    } else {
        Err(Error::Unauthorized)
    }
}

/// Current time as `xsd:dateTime`.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use moisson_model::{Expr, Property};

    use super::within;

    #[test]
    fn a_restriction_is_anded_to_every_filter() {
        let dataset = Expr::eq(Property::Type, "dataset");
        let title = Expr::eq(Property::Title, "x");
        assert_eq!(within(&Expr::All, &title), title);
        assert_eq!(within(&dataset, &Expr::All), dataset);
        assert_eq!(
            within(&dataset, &title),
            Expr::And(vec![dataset.clone(), title.clone()])
        );
    }
}
