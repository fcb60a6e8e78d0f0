//! PostgreSQL databases for tests: a migrated template per migrations digest, and a
//! throwaway clone of it per test.

use std::sync::atomic::{AtomicU32, Ordering};

use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;
use tokio_postgres::{Client, NoTls};

/// The server the tests use (a superuser's URL, on its maintenance database).
pub const ENV: &str = "MOISSON_TEST_PG";
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const TEMPLATE_LOCK: i64 = 0x6d6f_6973_746b_6974; // "moistkit"

static TEMPLATE: OnceCell<String> = OnceCell::const_new();
static NEXT: AtomicU32 = AtomicU32::new(0);

/// The maintenance URL of the test server.
#[must_use]
pub fn admin_url() -> String {
    std::env::var(ENV).unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

/// `admin_url()` with another database name.
#[must_use]
pub fn url_of(database: &str) -> String {
    moisson_store::pg::DatabaseUrl::parse(&admin_url())
        .unwrap_or_else(|e| panic!("{ENV}: {e}"))
        .with_database(database)
        .expose()
        .to_owned()
}

/// Connects to the maintenance database, or fails the test saying how to start the server.
pub async fn connect_admin() -> Client {
    let url = admin_url();
    match tokio_postgres::connect(&url, NoTls).await {
        Ok((client, connection)) => {
            tokio::spawn(connection);
            client
        }
        Err(e) => panic!(
            "cannot reach the test PostgreSQL at {} ({e}).\n\
             Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n\
             (PostGIS: apt-get install -y postgresql-15-postgis-3), or point {ENV} at a server \
             where this user may create databases.",
            moisson_store::pg::redact(&url)
        ),
    }
}

/// A database of its own for one test, dropped (`WITH (FORCE)`) when this is dropped.
#[derive(Debug)]
pub struct TestDb {
    name: String,
    url: String,
}

impl TestDb {
    /// The URL of this database (for `moisson_store::open`).
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        // Drop cannot await, and the test's runtime may be shutting down: use a thread
        // with a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let (client, conn) = tokio_postgres::connect(&admin_url(), NoTls).await.ok()?;
                tokio::spawn(conn);
                client.batch_execute(&sql).await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!(
                "moisson-testkit: could not drop the test database {}",
                self.name
            );
        }
    }
}

/// A fresh, migrated database cloned from the template.
pub async fn fresh() -> TestDb {
    let template = template().await;
    let admin = connect_admin().await;
    let name = format!(
        "moisson_t_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let sql = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
    let mut tries = 0;
    // Another session may be cloning the template at this instant: try again shortly.
    while let Err(e) = admin.batch_execute(&sql).await {
        tries += 1;
        assert!(tries < 50, "creating the test database {name}: {e}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    TestDb {
        url: url_of(&name),
        name,
    }
}

/// The name of the migrated template, created by the first caller of any process.
pub async fn template() -> &'static str {
    TEMPLATE.get_or_init(build_template).await
}

/// The digest of the PostgreSQL migrations: a new migration makes a new template.
fn migrations_digest() -> String {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../moisson-store/migrations/pg");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        h.update(std::fs::read(&f).unwrap_or_else(|e| panic!("reading {}: {e}", f.display())));
    }
    hex::encode(h.finalize())[..16].to_owned()
}

async fn build_template() -> String {
    let name = format!("moisson_tpl_{}", migrations_digest());
    let admin = connect_admin().await;
    admin
        .execute("SELECT pg_advisory_lock($1)", &[&TEMPLATE_LOCK])
        .await
        .expect("taking the template lock");
    drop_leftovers(&admin).await;
    let exists = admin
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
        .await
        .expect("looking for the template")
        .is_some();
    if !exists {
        create_template(&admin, &name).await;
    }
    admin
        .execute("SELECT pg_advisory_unlock($1)", &[&TEMPLATE_LOCK])
        .await
        .expect("releasing the template lock");
    name
}

/// Builds under a temporary name, then renames: a half-built template never exists
/// under the final name.
async fn create_template(admin: &Client, name: &str) {
    let build = format!("{name}_build");
    for sql in [
        format!("DROP DATABASE IF EXISTS \"{build}\" WITH (FORCE)"),
        format!("CREATE DATABASE \"{build}\""),
    ] {
        admin
            .batch_execute(&sql)
            .await
            .expect("creating the template database");
    }
    let url = url_of(&build);
    {
        let (client, conn) = tokio_postgres::connect(&url, NoTls)
            .await
            .expect("connecting to the template");
        let task = tokio::spawn(conn);
        client
            .batch_execute("CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS unaccent;")
            .await
            .unwrap_or_else(|e| {
                panic!("installing PostGIS and unaccent in the template ({e}); PostGIS: apt-get install -y postgresql-15-postgis-3")
            });
        drop(client);
        let _ = task.await;
    }
    moisson_store::migrate(&url).await.unwrap_or_else(|e| {
        panic!(
            "migrating the template: {e} ({:?})",
            std::error::Error::source(&e)
        )
    });
    admin
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{build}' AND pid <> pg_backend_pid()"
        ))
        .await
        .expect("closing template connections");
    let rename = format!("ALTER DATABASE \"{build}\" RENAME TO \"{name}\"");
    let mut tries = 0;
    while let Err(e) = admin.batch_execute(&rename).await {
        tries += 1;
        assert!(tries < 50, "renaming the template: {e}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Drops test databases whose process is gone (a killed `cargo test`).
async fn drop_leftovers(admin: &Client) {
    let rows = admin
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'moisson\\_t\\_%'",
            &[],
        )
        .await
        .expect("listing test databases");
    for row in rows {
        let db: String = row.get(0);
        let pid = db.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)"))
                .await;
        }
    }
}
