#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod body;
pub mod caller;
pub mod coupling;
pub mod error;
pub mod harvest;
mod http;
mod links;
pub mod openapi;
pub mod params;
pub mod patch;
pub mod precondition;
pub mod problem;
pub mod profiles;
pub mod records;
pub mod thesauri;

use std::sync::Arc;

use moisson_store::Store;

pub use error::{Error, Result};
pub use http::configure;
pub use openapi::ApiDoc;
pub use problem::Problem;
pub use profiles::Profiles;

/// What the REST handlers need; registered by the server as `web::Data<RestState>`,
/// beside the one `web::Data<moisson_auth::Authenticator>` that identifies callers.
#[derive(Clone)]
pub struct RestState {
    pub store: Arc<dyn Store>,
    /// Base URL for links the server writes about itself, without trailing slash.
    pub public_url: String,
    /// Custom profiles validating `catalogue.extra`; empty by default.
    pub profiles: Profiles,
    /// `PUT`, `PATCH` and `DELETE` of a record need `If-Match` (428 without it), so that
    /// no client overwrites an edit it has not seen (`rest.require_if_match`).
    pub require_if_match: bool,
}

impl RestState {
    /// A state without profiles; a trailing `/` of `public_url` is dropped.
    #[must_use]
    pub fn new(store: Arc<dyn Store>, public_url: impl Into<String>) -> Self {
        let public_url = public_url.into().trim_end_matches('/').to_owned();
        Self {
            store,
            public_url,
            profiles: Profiles::empty(),
            require_if_match: false,
        }
    }

    /// Uses these profiles (e.g. `Profiles::load_dir("schemas/profiles")?`).
    #[must_use]
    pub fn with_profiles(mut self, profiles: Profiles) -> Self {
        self.profiles = profiles;
        self
    }

    /// Requires `If-Match` on record writes, or not.
    #[must_use]
    pub fn with_require_if_match(mut self, required: bool) -> Self {
        self.require_if_match = required;
        self
    }
}

impl std::fmt::Debug for RestState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestState")
            .field("public_url", &self.public_url)
            .field("profiles", &self.profiles.names().collect::<Vec<_>>())
            .field("require_if_match", &self.require_if_match)
            .finish_non_exhaustive()
    }
}
