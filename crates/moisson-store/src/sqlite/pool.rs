//! Connections: one writer behind a mutex, a small pool of readers, and the
//! `spawn_blocking` bridge that makes rusqlite async.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use tokio::sync::Semaphore;

use super::text::fold;
use crate::{Error, Result};

/// The writer's page cache (`PRAGMA cache_size`, negative: KiB): 64 MiB.
pub(crate) const WRITER_CACHE_KIB: i64 = -65_536;

/// Reads in flight at once, per core. Each reader connection keeps its own page cache and
/// prepared statements, so they are kept, never opened per request: under 32 concurrent
/// clients, opening and dropping connections (schema parse, cold caches) cost more than the
/// queries, and more readers than cores only add memory.
const READERS_PER_CORE: usize = 2;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The connections of one database file.
pub(crate) struct Pool {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// One permit per reader connection: a read waits (asynchronously) for a free one.
    reader_slots: Arc<Semaphore>,
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
            .execute_batch(&format!(
                "PRAGMA cache_size = {WRITER_CACHE_KIB}; PRAGMA temp_store = MEMORY;
                 PRAGMA wal_autocheckpoint = 8192; PRAGMA journal_size_limit = 67108864;"
            ))
            .map_err(|e| Error::Sqlite(e, "sizing the writer cache"))?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            reader_slots: Arc::new(Semaphore::new(max_readers())),
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
        let slot = Arc::clone(&self.reader_slots)
            .acquire_owned()
            .await
            .map_err(|e| Error::Task(e.to_string()))?;
        let pool = Arc::clone(self);
        blocking(move || {
            let _slot = slot;
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
                // 16 MiB of pages per reader (SQLite's default is 2): the rights index and
                // the full-text and box indexes every search reads stay cached. CSW at
                // 100 000 records, 1 client: +17 % requests/s; at most 64 MiB more RSS.
                conn.pragma_update(None, "cache_size", -16_384)
                    .map_err(|e| Error::Sqlite(e, "opening a reader"))?;
                Ok(conn)
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        // At most `max_readers()` exist (one per permit), so every one is kept.
        lock(&self.readers).push(conn);
    }
}

fn max_readers() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    (cores * READERS_PER_CORE).max(4)
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
