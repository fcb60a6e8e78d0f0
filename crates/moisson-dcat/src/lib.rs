#![doc = include_str!("../README.md")]

mod error;
pub mod export;
pub mod format;
pub mod import;
pub mod jsonld;
pub mod tables;
pub mod vocab;

#[cfg(feature = "http")]
mod endpoint;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "http")]
pub mod whole;

pub use error::{Error, Result};
pub use export::{
    CatalogConfig, CatalogStream, Context, Formatter, Fragment, MappedRecord, Page,
    ResourceIdentity, Served, catalog_graph, record_graph, resource_identity, served_by,
};
pub use format::{Format, parse, write};
#[cfg(feature = "http")]
pub use http::{DcatState, configure};
pub use import::{DcatPage, read_dcat, read_dcat_page, read_graph};
