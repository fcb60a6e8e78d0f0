//! The README's runnable examples run as written: each ```sh block placed right after a
//! `<!-- Run as written … -->` comment is run by bash, with the built `moisson` first on
//! the PATH, in a copy of the repository's `examples/` folder (so relative paths resolve
//! as from the repository's root) and no `MOISSON_*` variable set. It must exit 0.

use std::path::Path;
use std::process::Command;

const MARKER: &str = "<!-- Run as written";

/// The runnable blocks of `markdown`.
fn runnable_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with(MARKER) {
            continue;
        }
        assert_eq!(
            lines.next(),
            Some("```sh"),
            "a ```sh block must follow {line}"
        );
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        blocks.push(body.join("\n"));
    }
    blocks
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn the_readme_examples_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let blocks = runnable_blocks(&readme);
    assert!(!blocks.is_empty(), "no runnable block in README.md");
    let binary = Path::new(env!("CARGO_BIN_EXE_moisson"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for block in blocks {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&root.join("examples"), &dir.path().join("examples"));
        let mut bash = Command::new("bash");
        bash.args(["-euo", "pipefail", "-c", &block])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("MOISSON_LOG", "warn");
        for (name, _) in std::env::vars() {
            if name.starts_with("MOISSON_") && name != "MOISSON_LOG" {
                bash.env_remove(name);
            }
        }
        let out = bash.output().expect("bash");
        assert!(
            out.status.success(),
            "README block failed:\n{block}\n--- stdout\n{}\n--- stderr\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
