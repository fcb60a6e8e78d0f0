//! Opening the store the configuration names.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use moisson_store::Store;

use crate::config::DatabaseUrl;

/// Opens (and migrates) the store. For SQLite, creates the database's folder first.
pub async fn open(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn Store>> {
    prepare(url)?;
    moisson_store::open(url.expose())
        .await
        .with_context(|| format!("cannot open the database {url}"))
}

/// Creates the folder of a SQLite database file, if missing.
pub fn prepare(url: &DatabaseUrl) -> anyhow::Result<()> {
    if let Some(dir) = sqlite_dir(url.expose()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
    }
    Ok(())
}

/// The folder of a SQLite database file, when it has one.
fn sqlite_dir(url: &str) -> Option<&Path> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return None;
    }
    let path = url.strip_prefix("sqlite://").unwrap_or(url);
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_folder_of_sqlite_files_only() {
        assert_eq!(
            sqlite_dir("sqlite://./data/m.db"),
            Some(Path::new("./data"))
        );
        assert_eq!(
            sqlite_dir("sqlite:///var/lib/m.db"),
            Some(Path::new("/var/lib"))
        );
        assert_eq!(sqlite_dir("sqlite://m.db"), None);
        assert_eq!(sqlite_dir("postgres://u@h/db"), None);
    }
}
