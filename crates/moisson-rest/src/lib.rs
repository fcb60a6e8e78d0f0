#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod body;
pub mod caller;
pub mod error;
pub mod harvest;
mod http;
mod links;
pub mod openapi;
pub mod params;
pub mod patch;
pub mod problem;
pub mod profiles;
pub mod records;

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
        }
    }

    /// Uses these profiles (e.g. `Profiles::load_dir("schemas/profiles")?`).
    #[must_use]
    pub fn with_profiles(mut self, profiles: Profiles) -> Self {
        self.profiles = profiles;
        self
    }
}

impl std::fmt::Debug for RestState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestState")
            .field("public_url", &self.public_url)
            .field("profiles", &self.profiles.names().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
