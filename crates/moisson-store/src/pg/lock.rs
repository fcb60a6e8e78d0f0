//! Job locks across nodes: a session advisory lock keyed by a hash of the job's name,
//! held on a dedicated connection for as long as the guard lives.

use tokio_postgres::Client;

use super::pool::Pool;
use crate::{Error, JobGuard, Result};

/// The lock of one job; dropping it closes its connection, and PostgreSQL releases a
/// session lock when its session ends.
pub(crate) struct PgLock {
    client: Client,
}

impl PgLock {
    pub(crate) fn is_held(&self) -> bool {
        !self.client.is_closed()
    }
}

/// Tries to take the job lock `name` without waiting.
pub(crate) async fn try_job_lock(pool: &Pool, name: &str) -> Result<Option<JobGuard>> {
    let client = pool.dedicated("taking a job lock").await?;
    let taken: bool = client
        .query_one(
            "SELECT pg_try_advisory_lock(hashtextextended('moisson.job:' || $1::text, 0))",
            &[&name],
        )
        .await
        .map_err(|e| Error::Pg(e, "taking a job lock"))?
        .get(0);
    Ok(taken.then(|| JobGuard::pg(name, PgLock { client })))
}
