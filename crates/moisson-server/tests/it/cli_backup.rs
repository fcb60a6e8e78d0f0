//! `moisson backup --to FILE` with the built binary: a SQLite database copied whole (records,
//! their original documents, accounts), an existing file left alone, PostgreSQL pointed to
//! its own tools.

use moisson_model::Viewer;

use crate::support::{demo_records, moisson, run};

#[tokio::test]
async fn backup_copies_a_sqlite_database_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = format!("sqlite://{}", dir.path().join("live.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(demo_records()));
    assert!(out.status.success(), "import: {stdout}\n{stderr}");
    let (out, stdout, stderr) =
        run(moisson(dir.path()).args(["users", "add", "alice", "--database", &db, "--superadmin"]));
    assert!(out.status.success(), "users add: {stdout}\n{stderr}");

    let file = dir.path().join("backups/monday.db");
    std::fs::create_dir(dir.path().join("backups")).expect("mkdir");
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["backup", "--database", &db, "--to"])
        .arg(&file));
    assert!(out.status.success(), "backup: {stdout}\n{stderr}");
    assert!(stdout.contains("backed up"), "{stdout}");
    assert!(!dir.path().join("backups/monday.db.partial").exists());

    let live = moisson_store::open(&db).await.expect("live");
    let copy = moisson_store::open(&format!("sqlite://{}", file.display()))
        .await
        .expect("backup opens as a database");
    let admin = Viewer::Admin;
    let ids = live.ids(&admin).await.expect("ids");
    assert!(!ids.is_empty());
    assert_eq!(copy.ids(&admin).await.expect("ids"), ids);
    for id in &ids {
        assert_eq!(
            copy.get(id, &admin).await.expect("get"),
            live.get(id, &admin).await.expect("get"),
            "{id}"
        );
    }
    let users = copy.list_users(&admin).await.expect("users");
    assert!(users.iter().any(|u| u.username == "alice"), "{users:?}");

    let before = std::fs::read(&file).expect("backup");
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["backup", "--database", &db, "--to"])
        .arg(&file));
    assert!(!out.status.success(), "a second backup onto the same file");
    assert!(stderr.contains("exists already"), "{stderr}");
    assert_eq!(std::fs::read(&file).expect("backup"), before, "left alone");
}

#[tokio::test]
async fn backup_of_postgres_points_to_pg_dump() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pg = moisson_testkit::pg::fresh().await;
    let file = dir.path().join("pg.db");
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["backup", "--database", pg.url(), "--to"])
        .arg(&file));
    assert!(!out.status.success());
    assert!(stderr.contains("pg_dump"), "{stderr}");
    assert!(!file.exists());
}
