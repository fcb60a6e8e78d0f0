//! Writer output validates against the XML schemas in tests/data/xsd (xmllint, offline).

use std::path::{Path, PathBuf};
use std::process::Command;

use moisson_iso::{ElementSet, write_csw_record, write_iso19139};

use crate::samples::{data_dir, dc_samples, iso_samples, read_file, shared_dir, xml_files};

/// Entry schema for ISO 19139 with GML 3.2 (what the writer produces), per xsd/README.md.
const ISO_SCHEMA: &str = "xsd/wrappers/iso19139-20070417-all.xsd";
/// Entry schema for csw:Record / SummaryRecord / BriefRecord.
const CSW_RECORD_SCHEMA: &str = "xsd/csw/2.0.2/record.xsd";

/// A fresh folder under Cargo's per-target temporary directory.
pub fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("moisson-iso")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Runs `xmllint --nonet --noout --schema` over the files; fails loudly if xmllint is missing.
fn xmllint(schema: &str, files: &[PathBuf]) {
    let schema = data_dir().join(schema);
    let output = Command::new("xmllint")
        .arg("--nonet")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint is required to validate writer output ({e}); install it: apt-get install -y libxml2-utils")
        });
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.ends_with(" validates") && !l.contains("Skipping import of schema"))
        .collect();
    assert!(
        output.status.success() && problems.is_empty(),
        "schema {}:\n{}",
        schema.display(),
        problems.join("\n")
    );
}

/// The files among `files` that validate against the ISO 19139 (2007) schemas.
pub fn validating(files: &[PathBuf]) -> Vec<PathBuf> {
    validating_with(ISO_SCHEMA, files)
}

/// The files among `files` that validate against the csw:Record schema.
pub fn validating_csw_record(files: &[PathBuf]) -> Vec<PathBuf> {
    validating_with(CSW_RECORD_SCHEMA, files)
}

fn validating_with(schema: &str, files: &[PathBuf]) -> Vec<PathBuf> {
    if files.is_empty() {
        return Vec::new();
    }
    let output = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(data_dir().join(schema))
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("xmllint is required ({e}): apt-get install -y libxml2-utils"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    files
        .iter()
        .filter(|f| stderr.contains(&format!("{} validates", f.display())))
        .cloned()
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// In-repo ISO samples, plus the shared ones when `MOISSON_SHARED_DATA` is set.
fn all_iso_samples() -> Vec<PathBuf> {
    let shared = shared_dir()
        .map(|d| xml_files(&d.join("iso19139")))
        .unwrap_or_default();
    iso_samples().into_iter().chain(shared).collect()
}

/// In-repo DC samples, plus the shared ones when `MOISSON_SHARED_DATA` is set.
fn all_dc_samples() -> Vec<PathBuf> {
    let shared = shared_dir()
        .map(|d| xml_files(&d.join("dublin-core")))
        .unwrap_or_default();
    dc_samples().into_iter().chain(shared).collect()
}

/// A unique output name for a sample (in-repo and shared samples share file names).
fn out_name(path: &Path, n: usize) -> String {
    let origin = if path.starts_with(data_dir()) {
        "repo"
    } else {
        "shared"
    };
    format!("{origin}-{}-{n}", file_name(path))
}

#[test]
fn iso_output_validates() {
    let dir = out_dir("iso");
    let mut files = Vec::new();
    for path in all_iso_samples() {
        let (_, records) = read_file(&path);
        for (i, p) in records.iter().enumerate() {
            let out = dir.join(format!("{}.xml", out_name(&path, i)));
            std::fs::write(&out, write_iso19139(&p.record)).expect("write");
            files.push(out);
        }
    }
    xmllint(ISO_SCHEMA, &files);
}

#[test]
fn csw_record_output_validates() {
    let dir = out_dir("csw");
    let mut files = Vec::new();
    for path in all_iso_samples().into_iter().chain(all_dc_samples()) {
        let (_, records) = read_file(&path);
        for (i, p) in records.iter().enumerate() {
            for (set, tag) in [
                (ElementSet::Brief, "brief"),
                (ElementSet::Summary, "summary"),
                (ElementSet::Full, "full"),
            ] {
                let out = dir.join(format!("{}-{tag}.xml", out_name(&path, i)));
                std::fs::write(&out, write_csw_record(&p.record, set)).expect("write");
                files.push(out);
            }
        }
    }
    xmllint(CSW_RECORD_SCHEMA, &files);
}
