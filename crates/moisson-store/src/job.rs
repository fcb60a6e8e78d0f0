//! Job locks: at most one holder of a named job at a time (see `Store::try_job_lock`).

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock, PoisonError};

/// Proof that this caller holds a job lock; dropping it releases the lock.
#[must_use = "the job lock is released as soon as the guard is dropped"]
pub struct JobGuard {
    name: String,
    held: Held,
}

enum Held {
    /// Held in this process's table of job names.
    Local,
    /// A PostgreSQL session advisory lock on a connection of its own.
    #[cfg(feature = "pg")]
    Pg(crate::pg::lock::PgLock),
}

impl std::fmt::Debug for JobGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobGuard")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn local_jobs() -> std::sync::MutexGuard<'static, HashSet<String>> {
    static JOBS: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    JOBS.get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

impl JobGuard {
    /// Takes `name` in this process's table; `None` when already held here.
    #[must_use]
    pub fn try_local(name: &str) -> Option<Self> {
        local_jobs().insert(name.to_owned()).then(|| Self {
            name: name.to_owned(),
            held: Held::Local,
        })
    }

    #[cfg(feature = "pg")]
    pub(crate) fn pg(name: &str, lock: crate::pg::lock::PgLock) -> Self {
        Self {
            name: name.to_owned(),
            held: Held::Pg(lock),
        }
    }

    /// The job's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the lock is still held: false once a PostgreSQL lock's connection was
    /// lost (the server then released the lock), so a long job can stop early.
    #[must_use]
    pub fn is_held(&self) -> bool {
        match &self.held {
            Held::Local => true,
            #[cfg(feature = "pg")]
            Held::Pg(lock) => lock.is_held(),
        }
    }
}

impl Drop for JobGuard {
    fn drop(&mut self) {
        if matches!(self.held, Held::Local) {
            local_jobs().remove(&self.name);
        }
    }
}
