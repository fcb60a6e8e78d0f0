//! `moisson db copy` end to end with the built binary: SQLite → PostgreSQL keeps every
//! record, its original document byte for byte, its version and its timestamps, and
//! every account table (there and back, signing in afterwards).

use moisson_auth::{AuthConfig, Authenticator};
use moisson_model::{Role, Viewer};
use moisson_store::{Store, Table};

use crate::support::{demo_records, moisson, run};

#[tokio::test]
async fn db_copy_sqlite_to_postgres_keeps_every_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = format!("sqlite://{}", dir.path().join("from.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &sqlite])
        .arg(demo_records()));
    assert!(out.status.success(), "import: {stdout}\n{stderr}");
    // A second import makes versions 2: versions must be copied, not reset.
    let (out, ..) = run(moisson(dir.path())
        .args(["import", "--database", &sqlite])
        .arg(demo_records().join("moisson_plui-gam.xml")));
    assert!(out.status.success());

    let pg = moisson_testkit::pg::fresh().await;
    let (out, stdout, stderr) = run(moisson(dir.path()).args([
        "db",
        "copy",
        "--from",
        &sqlite,
        "--to",
        pg.url(),
        "--batch-size",
        "3",
    ]));
    assert!(out.status.success(), "copy: {stdout}\n{stderr}");
    assert!(stdout.starts_with("copied "), "{stdout}");
    assert_eq!(counted(&stdout, "users"), (0, 0), "{stdout}");

    let from = moisson_store::open(&sqlite).await.expect("open sqlite");
    let to = moisson_store::open(pg.url()).await.expect("open pg");
    let admin = Viewer::Admin;
    let ids = from.ids(&admin).await.expect("ids");
    assert!(ids.len() >= 8, "{} demo records", ids.len());
    assert_eq!(to.count(&admin).await.expect("count"), ids.len() as u64);
    assert_eq!(to.ids(&admin).await.expect("ids"), ids);
    let mut with_original = 0;
    let mut updated = 0;
    for id in &ids {
        let a = from.get(id, &admin).await.expect("get").expect("source");
        let b = to.get(id, &admin).await.expect("get").expect("copied");
        assert_eq!(
            a.original.as_ref().map(|o| &o.bytes),
            b.original.as_ref().map(|o| &o.bytes),
            "{id}"
        );
        assert_eq!(a, b, "{id}");
        with_original += usize::from(b.original.is_some());
        updated += usize::from(b.version > 1);
    }
    assert_eq!(with_original, ids.len(), "imported records keep their XML");
    assert!(updated >= 1, "the re-imported record is at version 2");

    // Copying again into the now non-empty target is refused unless asked for.
    let (out, _, stderr) =
        run(moisson(dir.path()).args(["db", "copy", "--from", &sqlite, "--to", pg.url()]));
    assert!(!out.status.success());
    assert!(stderr.contains("--into-non-empty"), "{stderr}");
    assert!(!stderr.contains("postgres://postgres:"), "{stderr}");
}

/// Runs `moisson <args> --database <db>`; asserts it succeeds; returns stdout.
fn ok(dir: &std::path::Path, db: &str, args: &[&str]) -> String {
    let (out, stdout, stderr) = run(moisson(dir).args(args).args(["--database", db]));
    assert!(out.status.success(), "moisson {args:?}: {stderr}");
    stdout
}

/// Every row of every carried table, in key order.
async fn all_rows(store: &dyn Store) -> Vec<(Table, Vec<moisson_store::Row>)> {
    let mut out = Vec::new();
    for table in Table::ALL.into_iter().chain(Table::AFTER_RECORDS) {
        let rows = store.rows_after(table, None, 10_000).await.expect("rows");
        out.push((table, rows));
    }
    out
}

/// The line of `table` in the copy's summary: `(source, target)`.
fn counted(stdout: &str, table: &str) -> (u64, u64) {
    let line = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(table))
        .unwrap_or_else(|| panic!("no line for {table}: {stdout}"));
    let numbers: Vec<u64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// SQLite → PostgreSQL → SQLite carries users, units, memberships, API keys, refresh-token
/// state and the audit log row for row (hashes, timestamps and sequence numbers
/// included), prints the counts of every table, and on the final database the user signs
/// in with the password and the API key verifies. `--records-only` leaves accounts out.
#[tokio::test]
async fn db_copy_carries_accounts_there_and_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let first = format!("sqlite://{}", d.join("first.db").display());
    ok(d, &first, &["orgs", "add", "org-a", "Organisation A"]);
    let (out, _, stderr) = run(moisson(d)
        .args([
            "users",
            "add",
            "alice",
            "--password-env",
            "PW",
            "--database",
            &first,
        ])
        .env("PW", "alice's password"));
    assert!(out.status.success(), "{stderr}");
    ok(d, &first, &["members", "set", "alice", "org-a", "editor"]);
    // More rows than a page (--batch-size 2) in the tables keyed on text, so their keyset
    // pages are walked too (PostgreSQL compares them in the columns' "C" collation).
    ok(d, &first, &["orgs", "add", "Org-B", "Organisation B"]);
    ok(d, &first, &["orgs", "add", "grp-é", "Groupe É", "--group"]);
    for user in ["bob", "Zoé", "carol"] {
        ok(d, &first, &["users", "add", user]);
        ok(d, &first, &["members", "set", user, "grp-é", "reader"]);
    }
    let key = ok(
        d,
        &first,
        &[
            "apikeys",
            "create",
            "org-a",
            "editor",
            "--label",
            "harvest-push",
        ],
    );
    let key = key.trim().to_owned();
    ok(
        d,
        &first,
        &[
            "import",
            "--org",
            "org-a",
            demo_records().to_str().expect("utf-8"),
        ],
    );
    {
        // A used refresh token: its mark must travel too, or it could be replayed.
        let store = moisson_store::open(&first).await.expect("open");
        let auth = Authenticator::new(AuthConfig::default(), store.clone()).expect("auth");
        let pair = auth
            .login("alice", "alice's password", "test")
            .await
            .expect("login");
        auth.refresh(&pair.refresh_token).await.expect("refresh");
    }

    let pg = moisson_testkit::pg::fresh().await;
    let last = format!("sqlite://{}", d.join("last.db").display());
    for (from, to) in [(first.as_str(), pg.url()), (pg.url(), last.as_str())] {
        let (out, stdout, stderr) = run(moisson(d).args([
            "db",
            "copy",
            "--from",
            from,
            "--to",
            to,
            "--batch-size",
            "2",
        ]));
        assert!(
            out.status.success(),
            "copy {from} → {to}: {stdout}\n{stderr}"
        );
        for (table, rows) in [
            ("users", 4),
            ("units", 3),
            ("memberships", 4),
            ("api_keys", 1),
            ("refresh_tokens", 1),
        ] {
            assert_eq!(counted(&stdout, table), (rows, rows), "{table}: {stdout}");
        }
        let (audit, copied) = counted(&stdout, "audit_log");
        assert!(audit >= 8 && audit == copied, "{stdout}");
        let (records, copied) = counted(&stdout, "records");
        assert!(records >= 8 && records == copied, "{stdout}");
    }

    let source = moisson_store::open(&first).await.expect("open first");
    let copy = moisson_store::open(&last).await.expect("open last");
    assert_eq!(
        all_rows(copy.as_ref()).await,
        all_rows(source.as_ref()).await
    );
    let auth = Authenticator::new(AuthConfig::default(), copy.clone()).expect("auth");
    auth.login("alice", "alice's password", "test")
        .await
        .expect("alice signs in on the copy of the copy");
    let viewer = auth
        .viewer(Some(&format!("Bearer {key}")))
        .await
        .expect("the API key verifies on the copy");
    assert_eq!(viewer.role_in("org-a"), Some(Role::Editor));
    // New audit lines on the copy follow the copied ones.
    let last_seq = |rows: &[moisson_store::Row]| match rows.last().map(|r| &r[0]) {
        Some(moisson_store::Cell::Int(n)) => *n,
        other => panic!("no sequence number: {other:?}"),
    };
    let before = copy
        .rows_after(Table::AuditLog, None, 10_000)
        .await
        .expect("rows");
    let id = copy.ids(&Viewer::Admin).await.expect("ids")[0].clone();
    let mut again = copy
        .get(&id, &Viewer::Admin)
        .await
        .expect("get")
        .expect("a record");
    again.record.title.push_str(" (edited)");
    let edit = moisson_store::NewRecord {
        record: again.record,
        original: None,
    };
    copy.put(edit, &Viewer::Admin)
        .await
        .expect("write on the copy");
    let after = copy
        .rows_after(Table::AuditLog, None, 10_000)
        .await
        .expect("rows");
    assert_eq!(after.len(), before.len() + 1);
    assert!(last_seq(&after) > last_seq(&before));

    let only = format!("sqlite://{}", d.join("records-only.db").display());
    let (out, stdout, stderr) = run(moisson(d).args([
        "db",
        "copy",
        "--from",
        &first,
        "--to",
        &only,
        "--records-only",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("records only"), "{stdout}");
    let only = moisson_store::open(&only).await.expect("open");
    assert_eq!(only.count_rows(Table::Users).await.expect("count"), 0);
    assert_eq!(
        only.count(&Viewer::Admin).await.expect("count"),
        source.count(&Viewer::Admin).await.expect("count")
    );
}

/// Harvest sources are not carried yet: a copy of a database that has some is refused,
/// and says what to do, rather than turning harvested records into local ones.
/// Harvest sources, their jobs and the provenance of harvested records go across (SQLite
/// → PostgreSQL), row for row; the copy's next job gets a new number; a records-only copy
/// of a database with sources is refused, naming them.
#[tokio::test]
async fn db_copy_carries_harvest_sources_jobs_and_provenance() {
    use moisson_model::account::{Unit, UnitKind};
    use moisson_model::harvest::{NewSource, Provenance, SourceKind};
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let from = format!("sqlite://{}", d.join("from.db").display());
    let store = moisson_store::open(&from).await.expect("open");
    let admin = Viewer::Admin;
    let unit = Unit {
        id: "org-a".to_owned(),
        kind: UnitKind::Organisation,
        name: "Organisation A".to_owned(),
    };
    store.create_unit(unit, &admin).await.expect("org");
    let new = NewSource {
        name: "partner".to_owned(),
        kind: SourceKind::Csw,
        url: "http://127.0.0.1:9/csw".to_owned(),
        options: serde_json::from_str(r#"{"page_size": 7, "modified_since": true}"#)
            .expect("options"),
        owner_org: "org-a".to_owned(),
        visibility: moisson_model::Visibility::Internal,
        status: moisson_model::WorkflowStatus::Published,
        schedule: Some("0 3 * * *".to_owned()),
        enabled: true,
    };
    let source = store.create_source(new, &admin).await.expect("source");
    (store.put_many(demo_store_records(), &admin).await).expect("records");
    let mut job = store
        .start_job(&source.id, false, &admin)
        .await
        .expect("job");
    job.log("a line of the log");
    job.counts.seen = 1;
    store.save_job(&job, &admin).await.expect("save");
    let record_id = store.ids(&admin).await.expect("ids")[0].clone();
    let row = Provenance {
        record_id,
        source_id: source.id.clone(),
        remote_id: "remote-1".to_owned(),
        harvested_at: chrono::Utc::now(),
        source_hash: "h1".to_owned(),
        job_id: None,
    };
    (store.note_harvested(vec![row], job.id, &admin).await).expect("provenance");

    let pg = moisson_testkit::pg::fresh().await;
    let (out, _, stderr) = run(moisson(d).args([
        "db",
        "copy",
        "--from",
        &from,
        "--to",
        pg.url(),
        "--batch-size",
        "2",
    ]));
    assert!(out.status.success(), "{stderr}");
    let to = moisson_store::open(pg.url()).await.expect("open pg");
    // JSON cells as values: PostgreSQL's jsonb writes its text its own way.
    let json = |tables: Vec<(Table, Vec<moisson_store::Row>)>| -> Vec<Vec<serde_json::Value>> {
        let cell = |c: &moisson_store::Cell| match c {
            moisson_store::Cell::Text(t) => {
                serde_json::from_str(t).unwrap_or_else(|_| serde_json::Value::String(t.clone()))
            }
            other => serde_json::Value::String(format!("{other:?}")),
        };
        (tables.iter())
            .flat_map(|(_, rows)| rows.iter().map(|r| r.iter().map(cell).collect()))
            .collect()
    };
    assert_eq!(
        json(all_rows(to.as_ref()).await),
        json(all_rows(store.as_ref()).await)
    );
    assert_eq!(
        to.source(&source.id, &admin).await.expect("source"),
        Some(source.clone())
    );
    let next = to.start_job(&source.id, false, &admin).await.expect("job");
    assert!(next.id > job.id, "{} after {}", next.id, job.id);

    let only = format!("sqlite://{}", d.join("records-only.db").display());
    let (out, _, stderr) = run(moisson(d).args([
        "db",
        "copy",
        "--from",
        &from,
        "--to",
        &only,
        "--records-only",
    ]));
    assert!(!out.status.success());
    assert!(
        stderr.contains("harvest source") && stderr.contains(&source.id),
        "{stderr}"
    );
}

/// The demo records, as records to write.
fn demo_store_records() -> Vec<moisson_store::NewRecord> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(demo_records()).expect("demo records") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        for parsed in moisson_iso::read(&bytes).unwrap_or_default() {
            out.push(moisson_store::NewRecord {
                record: parsed.record,
                original: parsed.original,
            });
        }
    }
    out
}
