//! Tidy checks over the whole workspace: the architecture invariants that a reviewer
//! would otherwise have to remember (rust-analyzer's `tidy.rs`).

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `crates/`, with its crate name.
fn rust_files() -> Vec<(String, PathBuf)> {
    let crates = workspace_root().join("crates");
    walkdir::WalkDir::new(&crates)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&crates).expect("under crates/");
            let krate = rel
                .iter()
                .next()
                .expect("crate folder")
                .to_string_lossy()
                .into_owned();
            (krate, e.path().to_path_buf())
        })
        .collect()
}

#[test]
fn files_are_small_and_documented() {
    let mut problems = Vec::new();
    for (_, path) in rust_files() {
        let text = std::fs::read_to_string(&path).expect("read source");
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!(
                "{}: {lines} lines (max {MAX_LINES}); split it",
                path.display()
            ));
        }
        let first = text.trim_start();
        if !(first.starts_with("//!") || first.starts_with("#![doc")) {
            problems.push(format!(
                "{}: does not start with a `//!` line",
                path.display()
            ));
        }
        // Built with concat! so that this file does not flag itself.
        for marker in [
            concat!("todo", "!("),
            concat!("dbg", "!("),
            concat!("unimplemented", "!("),
        ] {
            if text.contains(marker) {
                problems.push(format!("{}: contains {marker}", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "tidy:\n{}", problems.join("\n"));
}

#[test]
fn only_the_store_talks_to_databases() {
    let mut problems = Vec::new();
    for (krate, path) in rust_files() {
        let text = std::fs::read_to_string(&path).expect("read source");
        // The test kit makes and drops PostgreSQL databases for tests; it is dev-only.
        let allowed = krate == "moisson-store" || krate == "moisson-testkit";
        let drivers = [
            concat!("rus", "qlite"),
            concat!("tokio", "_postgres"),
            concat!("deadpool", "_postgres"),
        ];
        for driver in drivers {
            if !allowed && text.contains(driver) {
                problems.push(format!("{}: mentions {driver}", path.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "SQL outside moisson-store:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_model_does_no_io() {
    let manifest =
        std::fs::read_to_string(workspace_root().join("crates/moisson-model/Cargo.toml"))
            .expect("read manifest");
    for forbidden in ["tokio", "actix", concat!("rus", "qlite"), "reqwest", "awc"] {
        assert!(
            !manifest.contains(forbidden),
            "moisson-model depends on {forbidden}"
        );
    }
}
