//! `moisson db copy` end to end with the built binary: SQLite → PostgreSQL keeps every
//! record, its original document byte for byte, its version and its timestamps.

use moisson_model::Viewer;

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
