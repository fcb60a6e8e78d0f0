//! Finding the files to import and parsing them on a blocking thread.

use std::path::{Path, PathBuf};

use moisson_iso::ParsedRecord;
use tokio::sync::mpsc;
use walkdir::WalkDir;

use super::Problem;
use super::mef;

/// One file's outcome, sent from the parsing thread.
pub struct Parsed {
    pub path: PathBuf,
    pub result: Result<Vec<ParsedRecord>, Problem>,
}

/// Every file named plus every `*.xml`, `*.mef` and `*.zip` (any case) under every folder
/// named, folders
/// walked in name order; paths that do not exist are problems.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut problems);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            problems.push(Problem::new(path, "no such file or folder"));
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && (is_xml(e.path()) || mef::is_mef(e.path())) => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                problems.push(Problem::new(path, e.to_string()));
            }
        }
    }
}

fn is_xml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"))
}

/// Files parsed together before their results are sent, in order.
const PARSE_CHUNK: usize = 64;

/// Reads and parses every file, on every core, and sends the results in file order (so a
/// later file still wins over an earlier one with the same id); stops early if the
/// receiver is gone.
pub fn parse_all(files: Vec<PathBuf>, ctx: &mef::Context, tx: &mpsc::Sender<Parsed>) {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    for chunk in files.chunks(PARSE_CHUNK) {
        for parsed in parse_chunk(chunk, workers, ctx) {
            if tx.blocking_send(parsed).is_err() {
                return;
            }
        }
    }
}

/// Parses a chunk split over `workers` scoped threads, keeping the chunk's order.
fn parse_chunk(chunk: &[PathBuf], workers: usize, ctx: &mef::Context) -> Vec<Parsed> {
    let per_worker = chunk.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per_worker)
            .map(|part| {
                scope.spawn(move || part.iter().map(|p| parse_one(p, ctx)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn parse_one(path: &Path, ctx: &mef::Context) -> Parsed {
    Parsed {
        path: path.to_path_buf(),
        result: parse_file(path, ctx),
    }
}

fn parse_file(path: &Path, ctx: &mef::Context) -> Result<Vec<ParsedRecord>, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem::new(path, e.to_string()))?;
    if mef::is_mef(path) {
        return mef::read(&bytes, ctx).map_err(|message| Problem::new(path, message));
    }
    moisson_iso::read(&bytes).map_err(|e| match e {
        moisson_iso::Error::Syntax {
            line,
            column,
            message,
        } => Problem {
            path: path.to_path_buf(),
            position: Some((line, column)),
            message,
        },
        other => Problem::new(path, other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_paths_are_problems_and_folders_are_walked_for_xml() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        for name in ["b.xml", "a.XML", "sub/c.xml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "<x/>").expect("write");
        }
        let missing = dir.path().join("missing.xml");
        let (files, problems) = collect_files(&[dir.path().to_path_buf(), missing.clone()]);
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).expect("inside"))
            .collect();
        assert_eq!(
            names,
            [
                Path::new("a.XML"),
                Path::new("b.xml"),
                Path::new("sub/c.xml")
            ]
        );
        assert_eq!(problems, [Problem::new(missing, "no such file or folder")]);
    }
}
