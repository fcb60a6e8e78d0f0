#![doc = include_str!("../README.md")]

pub mod collection;
pub mod conformance;
pub mod error;
pub mod exception;
pub mod html;
mod http;
pub mod items;
pub mod links;
pub mod openapi;
pub mod params;
pub mod queryables;
pub mod record;
mod record_parts;

use std::sync::Arc;

use moisson_store::Store;

pub use conformance::CONFORMANCE;
pub use error::{Error, Result};
pub use http::configure;
pub use openapi::ApiDoc;

/// What the OGC API handlers need; registered by the server as `web::Data<OgcState>`.
#[derive(Clone)]
pub struct OgcState {
    pub store: Arc<dyn Store>,
    /// Base URL of the server, without trailing slash; links add `/ogcapi/…`.
    pub public_url: String,
    /// Title and description of the landing page and of the catalogue collection.
    pub title: String,
    pub description: String,
}

impl OgcState {
    /// A state with the default title; a trailing `/` of `public_url` is dropped.
    #[must_use]
    pub fn new(store: Arc<dyn Store>, public_url: impl Into<String>) -> Self {
        Self {
            store,
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            title: "Moisson".to_owned(),
            description: "Metadata catalogue of public bodies (ISO 19115/19139, INSPIRE, DCAT-AP)"
                .to_owned(),
        }
    }

    /// Uses this title and description (e.g. from the `metadata` configuration section).
    #[must_use]
    pub fn with_identification(
        mut self,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.title = title.into();
        self.description = description.into();
        self
    }

    /// `public_url/ogcapi`.
    #[must_use]
    pub fn base(&self) -> String {
        format!("{}{}", self.public_url, links::PREFIX)
    }
}

impl std::fmt::Debug for OgcState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OgcState")
            .field("public_url", &self.public_url)
            .field("title", &self.title)
            .finish_non_exhaustive()
    }
}
