//! Connections: one writer behind a mutex, a small pool of readers, and the
//! `spawn_blocking` bridge that makes rusqlite async.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};

use super::text::fold;
use crate::{Error, Result};

/// How many idle reader connections are kept; more are opened under load and dropped after.
const MAX_IDLE_READERS: usize = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The connections of one database file.
pub(crate) struct Pool {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl Pool {
    /// Opens the writer (creating the file and its parent folders).
    pub(crate) fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Config(format!(
                    "cannot create the folder {}: {e}",
                    parent.display()
                ))
            })?;
        }
        let writer = open_connection(path)?;
        // A bulk import's working set (indexes, FTS segments) stays in memory: 64 MiB.
        // Checkpoints every 8 192 pages (32 MiB at 4 KiB) rather than 1 000: a page
        // rewritten by several batches (index, FTS) is copied to the file once. Durability
        // is the WAL's (synchronous = FULL); the WAL file is cut back to 64 MiB after.
        writer
            .execute_batch(
                "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;
                 PRAGMA wal_autocheckpoint = 8192; PRAGMA journal_size_limit = 67108864;",
            )
            .map_err(|e| Error::Sqlite(e, "sizing the writer cache"))?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// Runs `f` on the writer connection, on the blocking thread pool.
    pub(crate) async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let pool = Arc::clone(self);
        blocking(move || pool.write_now(f)).await
    }

    /// Runs `f` on the writer connection, on the calling (blocking) thread.
    pub(crate) fn write_now<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        f(&mut lock(&self.writer))
    }

    /// Runs `f` on a reader connection, on the blocking thread pool.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let pool = Arc::clone(self);
        blocking(move || {
            let conn = pool.take_reader()?;
            let out = f(&conn);
            pool.give_back(conn);
            out
        })
        .await
    }

    fn take_reader(&self) -> Result<Connection> {
        let idle = lock(&self.readers).pop();
        match idle {
            Some(conn) => Ok(conn),
            None => {
                let conn = open_connection(&self.path)?;
                conn.pragma_update(None, "query_only", true)
                    .map_err(|e| Error::Sqlite(e, "opening a reader"))?;
                Ok(conn)
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = lock(&self.readers);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
    }
}

/// Opens a connection with the pragmas every connection needs.
pub(crate) fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| Error::Sqlite(e, "opening the database"))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| Error::Sqlite(e, "setting the busy timeout"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .map_err(|e| Error::Sqlite(e, "setting pragmas"))?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.create_scalar_function(
        "moisson_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(t) => Value::Text(fold(&String::from_utf8_lossy(t))),
                other => Value::from(other),
            })
        },
    )
    .map_err(|e| Error::Sqlite(e, "registering moisson_fold"))?;
    Ok(conn)
}

async fn blocking<T, F>(f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Task(e.to_string()))?
}

/// A poisoned mutex only means another task panicked while holding it; the
/// connection itself is still usable (an open transaction was rolled back on drop).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
