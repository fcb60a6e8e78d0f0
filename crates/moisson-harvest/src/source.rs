//! The `Source` trait: a remote catalogue read page by page, so that a run holds one
//! page at a time whatever the size of the source.

use async_trait::async_trait;
use chrono::NaiveDate;
use moisson_model::harvest::{HarvestSource, RecordError, SourceKind};
use moisson_model::{OriginalDocument, Record};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::http::{Fetcher, HttpOptions};
use crate::{ckan, csw, dcat, document, ogc, udata};

/// A record read from a source, with what makes runs incremental.
#[derive(Debug, Clone, PartialEq)]
pub struct Harvested {
    /// The record's identifier at the source (also its local id).
    pub remote_id: String,
    pub record: Record,
    /// The standalone document it was read from, kept so that it exports as received.
    pub original: Option<OriginalDocument>,
    /// Digest of what the source sent for it: the same digest next run, nothing to write.
    pub hash: String,
}

impl Harvested {
    /// A record as read; its hash covers the model read and the original bytes, so any
    /// change the reader sees (or the document carries) makes it differ.
    ///
    /// # Errors
    /// A `RecordError` when the record has no identifier.
    pub fn new(
        record: Record,
        original: Option<OriginalDocument>,
    ) -> std::result::Result<Self, RecordError> {
        let Some(id) = record.id.as_ref().map(|i| i.as_str().to_owned()) else {
            return Err(RecordError {
                remote_id: None,
                reason: "the record has no identifier".to_owned(),
            });
        };
        let mut digest = Sha256::new();
        digest.update(serde_json::to_vec(&record).unwrap_or_default());
        if let Some(doc) = &original {
            digest.update(&doc.bytes);
        }
        Ok(Self {
            remote_id: id,
            record,
            original,
            hash: hex::encode(digest.finalize()),
        })
    }
}

/// One page of a source: the records read and those that could not be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub records: Vec<Harvested>,
    pub errors: Vec<RecordError>,
    /// What the reader had to do to read the page (for the job's log).
    pub notes: Vec<String>,
}

impl Page {
    /// Sorts records read into the page's records and errors.
    pub(crate) fn push(&mut self, read: std::result::Result<Harvested, RecordError>) {
        match read {
            Ok(h) => self.records.push(h),
            Err(e) => self.errors.push(e),
        }
    }
}

/// A remote catalogue, read one page at a time.
#[async_trait]
pub trait Source: Send {
    /// The next page; `None` once the source has been read to its end.
    ///
    /// # Errors
    /// When the page cannot be had or read (unreachable source, HTTP error, hostile or
    /// broken document, paging that never ends or skips): the run stops there.
    async fn next_page(&mut self) -> Result<Option<Page>>;
}

/// Whether sources of `kind` can ask only for the records modified since a date (CSW
/// `dct:modified`, CKAN `metadata_modified`). udata's API has no such filter; DCAT files,
/// documents and capabilities are read whole.
#[must_use]
pub fn offers_modified_filter(kind: SourceKind) -> bool {
    matches!(kind, SourceKind::Csw | SourceKind::Ckan)
}

/// The reader of a stored source's kind, with its options; `since`: ask only for the
/// records modified on or after that day (kinds that [`offers_modified_filter`]).
///
/// # Errors
/// `Error::Settings` for an invalid option or URL.
pub fn open_source(source: &HarvestSource, since: Option<NaiveDate>) -> Result<Box<dyn Source>> {
    let settings = &source.source;
    let fetcher = Fetcher::new(HttpOptions::from_options(&settings.options)?)?;
    match settings.kind {
        SourceKind::Csw => Ok(Box::new(
            csw::CswSource::new(fetcher, &settings.url, &settings.options)?.modified_since(since),
        )),
        SourceKind::Dcat => Ok(Box::new(dcat::DcatSource::new(fetcher, &settings.url)?)),
        SourceKind::Ckan => Ok(Box::new(
            ckan::CkanSource::new(fetcher, &settings.url, &settings.options)?.modified_since(since),
        )),
        SourceKind::Ogc => Ok(Box::new(ogc::OgcSource::new(fetcher, &settings.url)?)),
        SourceKind::Udata => Ok(Box::new(udata::UdataSource::new(fetcher, &settings.url)?)),
        SourceKind::Document => Ok(Box::new(document::DocumentSource::new(
            fetcher,
            &settings.url,
        )?)),
    }
}
