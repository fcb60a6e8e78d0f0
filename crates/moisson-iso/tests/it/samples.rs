//! Sample discovery and the read checks every sample must pass.

use std::path::{Path, PathBuf};

use moisson_iso::{ParsedRecord, read};
use moisson_model::DocumentFormat;

/// `tests/data` at the workspace root.
pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    dir.canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Every `.xml` file under `dir`, recursively, sorted.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// In-repo ISO 19139 samples (standalone and CSW responses), and the documents written
/// for the lossless-edit tests (`tests/data/lossless`, apart so that the catalogues other
/// crates' tests load from `iso19139` keep their counts).
pub fn iso_samples() -> Vec<PathBuf> {
    let mut out = xml_files(&data_dir().join("iso19139"));
    out.extend(xml_files(&data_dir().join("lossless")));
    out
}

/// In-repo Dublin Core samples.
pub fn dc_samples() -> Vec<PathBuf> {
    xml_files(&data_dir().join("dublin-core"))
}

/// The shared data folder, when `MOISSON_SHARED_DATA` names one.
pub fn shared_dir() -> Option<PathBuf> {
    let mut dir = PathBuf::from(std::env::var_os("MOISSON_SHARED_DATA")?);
    if dir.is_relative() && !dir.is_dir() {
        // Tests run in the crate folder; a relative path is meant from the workspace root.
        dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir);
    }
    assert!(
        dir.is_dir(),
        "MOISSON_SHARED_DATA={} is not a directory",
        dir.display()
    );
    Some(dir)
}

/// The shared data folder, which the calling test cannot run without. Its samples may
/// not be redistributed, so such tests are `#[ignore]`d (reported as not run, never as
/// passed) and `scripts/test` runs them with `--ignored` where the folder exists.
pub fn required_shared_dir() -> PathBuf {
    shared_dir().expect("MOISSON_SHARED_DATA is not set: this test checks the shared samples")
}

pub fn read_file(path: &Path) -> (Vec<u8>, Vec<ParsedRecord>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let records = read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, records)
}

/// Reads one file and checks: at least one record, each with an id and a title,
/// the original kept byte-identical for a standalone document.
pub fn check_reads(path: &Path, format: DocumentFormat) -> Vec<ParsedRecord> {
    let (bytes, records) = read_file(path);
    let name = path.display();
    assert!(!records.is_empty(), "{name}: no record");
    let standalone = !path.components().any(|c| c.as_os_str() == "csw-responses");
    for p in &records {
        assert!(p.record.id.is_some(), "{name}: no id");
        assert!(!p.record.title.is_empty(), "{name}: empty title");
        if standalone {
            let original = p
                .original
                .as_ref()
                .unwrap_or_else(|| panic!("{name}: no original"));
            assert_eq!(original.format, format, "{name}");
            assert!(
                original.bytes == bytes,
                "{name}: original bytes differ from the input"
            );
        } else if format != DocumentFormat::DublinCore {
            // An ISO record of a CSW response is kept as a document of its own, which
            // reads as the same record.
            let original = p
                .original
                .as_ref()
                .unwrap_or_else(|| panic!("{name}: embedded record without its document"));
            assert_eq!(original.format, format, "{name}");
            let alone = read(&original.bytes)
                .unwrap_or_else(|e| panic!("{name}: its document does not read: {e}"));
            assert_eq!(alone.len(), 1, "{name}");
            assert_eq!(alone[0].record, p.record, "{name}");
            assert!(alone[0].original.as_ref() == Some(original), "{name}");
        } else {
            assert!(
                p.original.is_none(),
                "{name}: embedded Dublin Core record with an original"
            );
        }
    }
    records
}

#[test]
fn every_iso_sample_reads() {
    let files = iso_samples();
    assert!(
        files.len() >= 20,
        "expected the ISO samples in {}",
        data_dir().display()
    );
    for path in files {
        check_reads(&path, DocumentFormat::Iso19139);
    }
}

#[test]
fn every_dc_sample_reads() {
    let files = dc_samples();
    assert!(
        files.len() >= 10,
        "expected the DC samples in {}",
        data_dir().display()
    );
    for path in files {
        check_reads(&path, DocumentFormat::DublinCore);
    }
}

#[test]
#[ignore = "needs MOISSON_SHARED_DATA (scripts/test runs it where the shared data is)"]
fn every_shared_sample_reads() {
    let dir = required_shared_dir();
    for path in xml_files(&dir.join("iso19139")) {
        check_reads(&path, DocumentFormat::Iso19139);
    }
    for path in xml_files(&dir.join("dublin-core")) {
        check_reads(&path, DocumentFormat::DublinCore);
    }
}
