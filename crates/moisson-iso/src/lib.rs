#![doc = include_str!("../README.md")]

mod dc_read;
mod dc_write;
mod document;
mod fgdc_read;
mod input;
mod iso3_read;
mod iso3_write;
mod iso_read;
mod iso_write;
pub mod mapping;
mod merge;
pub mod ns;
pub mod topic;
mod tree;
mod xml;

use moisson_model::{Classify, ErrorClass, OriginalDocument, Record};

/// A record read from a document, with the document kept for byte-identical export.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRecord {
    pub record: Record,
    /// The bytes of a standalone document; `None` for a record embedded in a CSW response.
    pub original: Option<OriginalDocument>,
    /// Non-fatal remarks (e.g. "no fileIdentifier: derived id …").
    pub warnings: Vec<String>,
}

/// Which csw:Record element set to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementSet {
    Brief,
    Summary,
    Full,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Not well-formed XML, or refused (DTD, entity): with the 1-based line and column.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: u64,
        column: u64,
        message: String,
    },
    #[error("no ISO 19139, ISO 19115-3, Dublin Core or FGDC CSDGM record found (root element {0})")]
    UnknownDocument(String),
    /// An edit that could not be merged into the original document.
    #[error("cannot merge the edit into the original document: {0}")]
    Merge(String),
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidParameter { locator: None }
    }
}

pub use merge::{merge, merge_iso19115_3, merge_iso19139};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads every record in a document: gmd:MD_Metadata, gmi:MI_Metadata, profile roots,
/// csw:Record / SummaryRecord / BriefRecord, FGDC CSDGM `metadata`, and CSW responses
/// wrapping any of them.
pub fn read(bytes: &[u8]) -> Result<Vec<ParsedRecord>> {
    document::read(bytes)
}

/// Writes a record as a standalone ISO 19139 gmd:MD_Metadata document.
#[must_use]
pub fn write_iso19139(record: &Record) -> String {
    let mut out = xml::DECLARATION.to_owned();
    out.push_str(&iso_write::write(record));
    out
}

/// Writes a record as a gmd:MD_Metadata element without XML declaration, namespaces
/// declared on the element, ready to embed into a CSW response.
#[must_use]
pub fn write_iso19139_fragment(record: &Record) -> String {
    iso_write::write(record)
}

/// Writes a record as a standalone ISO 19115-3 mdb:MD_Metadata document.
#[must_use]
pub fn write_iso19115_3(record: &Record) -> String {
    let mut out = xml::DECLARATION.to_owned();
    out.push_str(&iso3_write::write(record));
    out
}

/// Writes a record as an mdb:MD_Metadata element without XML declaration, namespaces
/// declared on the element, ready to embed into a CSW response.
#[must_use]
pub fn write_iso19115_3_fragment(record: &Record) -> String {
    iso3_write::write(record)
}

/// Writes a record as a standalone csw:Record / SummaryRecord / BriefRecord document.
#[must_use]
pub fn write_csw_record(record: &Record, set: ElementSet) -> String {
    let mut out = xml::DECLARATION.to_owned();
    out.push_str(&dc_write::write(record, set));
    out
}

/// Writes a csw:Record / SummaryRecord / BriefRecord element without XML declaration,
/// namespaces declared on the element, ready to embed into a CSW response.
#[must_use]
pub fn write_csw_record_fragment(record: &Record, set: ElementSet) -> String {
    dc_write::write(record, set)
}

/// The original document without BOM and XML declaration, when it is UTF-8 (or plain
/// ASCII), so that CSW can embed an unedited record verbatim; `None` otherwise.
#[must_use]
pub fn original_fragment(original: &OriginalDocument) -> Option<&str> {
    input::fragment(&original.bytes)
}
