//! Connections: a deadpool-managed pool of tokio-postgres clients (statement cache per
//! connection), and dedicated connections for session-scoped locks.

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, RecyclingMethod, Runtime, Timeouts};
use tokio_postgres::NoTls;

use super::url::DatabaseUrl;
use crate::{Error, Result};

/// Connections per node: a few more than the cores a node usually has, well under
/// PostgreSQL's default `max_connections` (100) for several nodes.
const MAX_CONNECTIONS: usize = 16;
const WAIT: Duration = Duration::from_secs(30);
const CONNECT: Duration = Duration::from_secs(10);

pub(crate) struct Pool {
    pool: deadpool_postgres::Pool,
    url: DatabaseUrl,
}

impl Pool {
    pub(crate) fn new(url: DatabaseUrl) -> Result<Self> {
        let mut config = url.config().clone();
        if config.get_application_name().is_none() {
            config.application_name("moisson");
        }
        config.connect_timeout(CONNECT);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(MAX_CONNECTIONS)
            .runtime(Runtime::Tokio1)
            .timeouts(Timeouts {
                wait: Some(WAIT),
                create: Some(CONNECT),
                recycle: Some(CONNECT),
            })
            .build()
            .map_err(|e| Error::Config(format!("PostgreSQL pool for {url}: {e}")))?;
        Ok(Self { pool, url })
    }

    /// A pooled connection; the error names the (redacted) URL and what was being done.
    pub(crate) async fn get(&self, what: &'static str) -> Result<Object> {
        self.pool
            .get()
            .await
            .map_err(|e| Error::PgPool(format!("{}: {e}", self.url), what))
    }

    /// A pooled connection if one is free or can be opened, without waiting for
    /// another user to return one; `None` otherwise (or when connecting fails).
    pub(crate) async fn try_get(&self) -> Option<Object> {
        let now = Timeouts {
            wait: Some(Duration::ZERO),
            create: Some(CONNECT),
            recycle: Some(CONNECT),
        };
        self.pool.timeout_get(&now).await.ok()
    }

    pub(crate) fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// A connection of its own, outside the pool (held by a session lock's guard).
    pub(crate) async fn dedicated(&self, what: &'static str) -> Result<tokio_postgres::Client> {
        let (client, connection) = self
            .url
            .config()
            .connect(NoTls)
            .await
            .map_err(|e| Error::PgPool(format!("{}: {e}", self.url), what))?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::warn!(error = %e, "dedicated PostgreSQL connection ended");
            }
        });
        Ok(client)
    }
}
