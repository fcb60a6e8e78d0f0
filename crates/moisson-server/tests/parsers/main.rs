//! Property tests of every parser that reads untrusted input: the ISO 19139 / Dublin Core
//! reader, OGC Filter XML, CQL text, CQL2 text and JSON, and the DCAT reader in each RDF
//! format. Inputs are the repository's real samples damaged at random (bytes flipped,
//! ranges cut, hostile fragments such as DTDs, entities, CDATA ends and deep nesting
//! inserted) plus arbitrary text. Each parser must answer `Ok` or a classified error,
//! never panic; and what the ISO reader accepts, the ISO writer must write back into a
//! document the reader accepts again (what Moisson stores, it can always serve).
//!
//! The seed is fixed, so CI is repeatable; explore further with
//! `PROPTEST_CASES=20000 PROPTEST_SEED=<n> cargo test -p moisson-server --test parsers`.
//! The coverage-guided fuzz targets of the same parsers live in `fuzz/`.

mod damage;
mod dcat;
mod filter;
mod iso;

use proptest::test_runner::{Config, RngSeed};

/// Cases per property unless `PROPTEST_CASES` says otherwise; the seed unless
/// `PROPTEST_SEED` does.
pub fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    let seed = std::env::var("PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x006d_6f69_7373_6f6e);
    config.rng_seed = RngSeed::Fixed(seed);
    // Failures are shrunk and printed; no regression files are written into the tree.
    config.failure_persistence = None;
    config
}

/// The files of a folder of the repository's test data, read whole.
pub fn samples(folder: &str, extension: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no *.{extension} in {}", dir.display());
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}
