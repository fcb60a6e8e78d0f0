//! `VACUUM INTO`: a consistent copy of the database, taken while it serves.
//!
//! It runs on a reader connection, in one read transaction: WAL readers never block the
//! writer, so imports and edits go on during the backup, and the copy is the snapshot
//! at its start, compacted, with no WAL beside it. Readers are `query_only`, which
//! SQLite takes to forbid `VACUUM INTO` too: the pragma is lifted for this statement only. It is written under a temporary name
//! in the target's folder, synced, then renamed, so a crash never leaves a partial file
//! under the name asked for.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Error, Result};

pub(crate) fn backup(conn: &Connection, to: &Path) -> Result<()> {
    if to.exists() {
        return Err(Error::Config(format!(
            "{} exists already; name a new file",
            to.display()
        )));
    }
    let partial = partial_name(to);
    let _ = std::fs::remove_file(&partial);
    let text = partial
        .to_str()
        .ok_or_else(|| Error::Config(format!("{} is not a UTF-8 path", partial.display())))?;
    let written = vacuum_into(conn, text).and_then(|()| sync_and_rename(&partial, to));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// `VACUUM INTO file` on a reader, which is `query_only` again afterwards whatever happens.
fn vacuum_into(conn: &Connection, file: &str) -> Result<()> {
    let pragma = |on: bool| {
        conn.pragma_update(None, "query_only", on)
            .map_err(|e| Error::Sqlite(e, "switching query_only for the backup"))
    };
    pragma(false)?;
    let vacuumed = conn
        .execute("VACUUM INTO ?1", [file])
        .map(drop)
        .map_err(|e| Error::Sqlite(e, "writing the backup"));
    pragma(true)?;
    vacuumed
}

/// `FILE.partial` beside `FILE`.
fn partial_name(to: &Path) -> PathBuf {
    let mut name = to.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn sync_and_rename(partial: &Path, to: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::Config(format!("writing {}: {e}", to.display()));
    std::fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    std::fs::rename(partial, to).map_err(io)?;
    // The rename is durable once the folder is synced.
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(())
}
