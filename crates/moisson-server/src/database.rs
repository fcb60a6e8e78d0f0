//! Opening the store the configuration names.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use moisson_store::Store;

use crate::config::DatabaseUrl;

/// Opens (and migrates) the store. For SQLite, creates the database's folder first.
/// Says on stderr which database it opened, and whether it had to create it: a command
/// run without `--database` must not write into a database nobody meant quietly.
pub async fn open(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn Store>> {
    let created = sqlite_file(url.expose()).is_some_and(|file| !file.exists());
    prepare(url)?;
    let store = moisson_store::open(url.expose())
        .await
        .with_context(|| format!("cannot open the database {url}"))?;
    eprintln!("database {url}{}", if created { " (created)" } else { "" });
    Ok(store)
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
    sqlite_file(url)?
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
}

/// The file of a SQLite database URL (not PostgreSQL, not in memory).
fn sqlite_file(url: &str) -> Option<&Path> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return None;
    }
    let path = url.strip_prefix("sqlite://").unwrap_or(url);
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(Path::new(path))
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
