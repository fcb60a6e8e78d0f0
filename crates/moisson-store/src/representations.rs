//! Documents derived from records (a record's DCAT fragment in one serialisation), kept
//! beside them so that a walk over the whole catalogue formats only what changed.
//!
//! A kept document is reused only while the record's `version` and the caller's
//! `fingerprint` (what else the document was made from: mapping code, public URL) are
//! those it was made with; rights are the record's own, as for every other read.

use chrono::{DateTime, Utc};
use moisson_model::{Record, RecordId};

/// What a derived document is: its kind (`dcat-turtle`) and the fingerprint of
/// everything besides the record it was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepresentationKind<'a> {
    pub kind: &'a str,
    pub fingerprint: &'a str,
}

/// One record of a walk (`Store::represented_after`): its kept document when it is
/// still current, else the record to make it from.
#[derive(Debug, Clone, PartialEq)]
pub enum Represented {
    Kept {
        id: RecordId,
        /// The catalogue `updated` time of the record (what `dct:modified` shows).
        updated: Option<DateTime<Utc>>,
        body: Vec<u8>,
    },
    Fresh {
        /// Boxed: a record is large, a kept document three words.
        record: Box<Record>,
        /// The version `record` is: what `Store::keep_representations` is given back.
        version: i64,
    },
}

/// A document made from `version` of record `id`, to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Representation {
    pub id: RecordId,
    pub version: i64,
    pub body: Vec<u8>,
}

/// Parses the `updated` column (RFC 3339, as both backends write it).
#[cfg(any(feature = "sqlite", feature = "pg"))]
pub(crate) fn parse_updated(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
