//! `moisson export`: one file per record in a folder; the `dcat-*` formats write the
//! whole catalogue to one file instead ([`dcat`]).
//!
//! An unedited record is written as the document it was imported from, byte for
//! byte; any other record is generated (`write_iso19139`, or csw:Record Full for
//! `--format dc`). File names come from [`file_name`].

pub mod dcat;

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use clap::ValueEnum;
use moisson_iso::ElementSet;
use moisson_model::{DocumentFormat, Viewer};
use moisson_store::{Store, StoredRecord};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// ISO 19139 gmd:MD_Metadata.
    Iso19139,
    /// Dublin Core csw:Record (Full element set).
    Dc,
    /// The whole DCAT-AP 3 catalogue in one Turtle file.
    DcatTurtle,
    /// The whole DCAT-AP 3 catalogue in one JSON-LD file.
    DcatJsonld,
    /// The whole DCAT-AP 3 catalogue in one RDF/XML file.
    DcatRdfxml,
    /// The whole DCAT-AP 3 catalogue in one N-Triples file.
    DcatNtriples,
}

impl ExportFormat {
    fn document_format(self) -> DocumentFormat {
        match self {
            Self::Dc => DocumentFormat::DublinCore,
            _ => DocumentFormat::Iso19139,
        }
    }

    /// The RDF serialisation of the `dcat-*` formats (one file for the catalogue).
    #[must_use]
    pub fn dcat(self) -> Option<moisson_dcat::Format> {
        match self {
            Self::Iso19139 | Self::Dc => None,
            Self::DcatTurtle => Some(moisson_dcat::Format::Turtle),
            Self::DcatJsonld => Some(moisson_dcat::Format::JsonLd),
            Self::DcatRdfxml => Some(moisson_dcat::Format::RdfXml),
            Self::DcatNtriples => Some(moisson_dcat::Format::NTriples),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Records written as their original document.
    pub originals: u64,
    /// Records written by the serialiser.
    pub generated: u64,
}

impl ExportReport {
    #[must_use]
    pub fn summary(&self, out: &Path) -> String {
        format!(
            "exported {} records to {}: {} original documents, {} generated",
            self.originals + self.generated,
            out.display(),
            self.originals,
            self.generated
        )
    }
}

/// Writes every record `viewer` may see into `out` (created if missing).
pub async fn export(
    store: &dyn Store,
    out: &Path,
    format: ExportFormat,
    viewer: &Viewer,
) -> anyhow::Result<ExportReport> {
    tokio::fs::create_dir_all(out)
        .await
        .with_context(|| format!("cannot create {}", out.display()))?;
    let mut report = ExportReport::default();
    for id in store.ids(viewer).await? {
        let Some(stored) = store.get(&id, viewer).await? else {
            continue; // deleted while exporting
        };
        let (bytes, original) = document(&stored, format);
        let path = out.join(file_name(id.as_str()));
        tokio::fs::write(&path, bytes)
            .await
            .with_context(|| format!("cannot write {}", path.display()))?;
        if original {
            report.originals += 1;
        } else {
            report.generated += 1;
        }
    }
    Ok(report)
}

/// The bytes to write, and whether they are the original document.
fn document(stored: &StoredRecord, format: ExportFormat) -> (Vec<u8>, bool) {
    if let Some(original) = &stored.original
        && original.format == format.document_format()
    {
        return (original.bytes.clone(), true);
    }
    let xml = match format {
        ExportFormat::Dc => moisson_iso::write_csw_record(&stored.record, ElementSet::Full),
        _ => moisson_iso::write_iso19139(&stored.record),
    };
    (xml.into_bytes(), false)
}

/// Bytes kept as they are in file names: ASCII letters, digits, `-`, `_` and `.`.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// Longest encoded id kept whole; longer ids are cut and suffixed with a hash.
const MAX_STEM: usize = 200;

/// A file name for a record id, safe on every filesystem: every byte other than
/// ASCII letters, digits, `-`, `_` and `.` is percent-encoded as UTF-8 (`/` → `%2F`,
/// `:` → `%3A`, `\` → `%5C`, `%` → `%25`, `é` → `%C3%A9`), a leading `.` becomes
/// `%2E` (no hidden files, no `..`), and `.xml` is appended. The mapping is
/// reversible (percent-decode the stem) except for ids whose encoding exceeds 200
/// bytes: those keep their first 183 bytes plus `~` and a 16-hex-digit FNV-1a hash of
/// the whole id. Ids differing only in letter case collide on case-insensitive
/// filesystems (macOS, Windows).
#[must_use]
pub fn file_name(id: &str) -> String {
    let mut stem = utf8_percent_encode(id, KEEP).to_string();
    if stem.starts_with('.') {
        stem.replace_range(..1, "%2E");
    }
    if stem.len() > MAX_STEM {
        let mut cut = MAX_STEM - 17;
        while !stem.is_char_boundary(cut)
            || stem[..cut].ends_with('%')
            || stem[..cut - 1].ends_with('%')
        {
            cut -= 1;
        }
        stem.truncate(cut);
        let _ = write!(stem, "~{:016x}", fnv1a(id.as_bytes()));
    }
    stem.push_str(".xml");
    stem
}

/// FNV-1a 64: small, stable across Rust versions, enough to tell long ids apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_percent_encoded() {
        assert_eq!(
            file_name("FR-200093201/plu/2024"),
            "FR-200093201%2Fplu%2F2024.xml"
        );
        assert_eq!(file_name("urn:x:a\\b"), "urn%3Ax%3Aa%5Cb.xml");
        assert_eq!(file_name("50%"), "50%25.xml");
        assert_eq!(file_name("données"), "donn%C3%A9es.xml");
        assert_eq!(file_name("..."), "%2E...xml");
        assert_eq!(file_name("a1_b-c.d"), "a1_b-c.d.xml");
    }

    #[test]
    fn long_ids_are_cut_and_hashed() {
        let a = "é".repeat(300);
        let b = format!("{}x", "é".repeat(299));
        let (na, nb) = (file_name(&a), file_name(&b));
        assert!(na.len() <= MAX_STEM + 4, "{na}");
        assert_ne!(na, nb);
        assert!(!na.contains("%~") && !na.contains("%C~"), "{na}");
    }
}
