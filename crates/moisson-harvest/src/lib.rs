//! Harvesting other catalogues into the store.
//!
//! A [`Source`] reads a remote catalogue page by page (constant memory whatever its
//! size): [`csw`] (GetRecords in ISO 19139, `nextRecord` paging) and [`dcat`] (any RDF
//! serialisation, hydra paging). [`run`] turns one run of a stored source into a job:
//! records whose source hash did not change are skipped, the others are written with
//! `Store::put_many` as the source's organisation, records held by someone else are
//! reported as conflicts, and the records the source no longer lists are deleted only
//! after a run that read the whole source. One run of a source at a time, on any node
//! (`Store::try_job_lock`).

pub mod ckan;
pub mod cron;
pub mod csw;
pub mod dcat;
pub mod document;
mod error;
pub mod http;
mod json_api;
mod linked;
pub mod ogc;
mod ogcapi;
pub mod once;
mod run;
pub mod scheduler;
mod source;
pub mod udata;
mod xml;

pub use error::{Error, Result};
pub use run::{Progress, Started, run, start};
pub use source::{Harvested, Page, Source, open_source};
