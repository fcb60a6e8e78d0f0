//! `MOISSON_DCAT_MAPPING`: a digest of this crate's sources and of the alignment tables
//! they include. Record fragments kept by the store carry it in their fingerprint
//! (`whole.rs`), so that a build whose mapping or formatting differs in any way formats
//! every record again instead of serving fragments an older build made.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The files `src/tables/themes.rs` includes.
const TABLES: [&str; 2] = [
    "../../tests/data/thesauri/alignments/semic_inspire-themes-to-mdr-data-themes.rdf",
    "../../tests/data/thesauri/alignments/semic_iso-topic-categories-to-inspire-themes.rdf",
];

fn main() {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    files.extend(TABLES.iter().map(PathBuf::from));
    let mut digest = Sha256::new();
    digest.update(env!("CARGO_PKG_VERSION"));
    for file in &files {
        digest.update(file.to_string_lossy().as_bytes());
        digest.update(std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rerun-if-changed=src");
    for table in TABLES {
        println!("cargo:rerun-if-changed={table}");
    }
    println!(
        "cargo:rustc-env=MOISSON_DCAT_MAPPING={}",
        hex::encode(&digest.finalize()[..16])
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
