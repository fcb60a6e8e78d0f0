//! `moisson import`: good files import, a malformed one is reported `PATH:LINE:COLUMN`.

use crate::support::{MALFORMED, copy_good_records, moisson, run, write_variant};

#[test]
fn import_reports_bad_file_imports_the_rest_and_reimport_updates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("records");
    std::fs::create_dir(&data).expect("mkdir");
    copy_good_records(&data);
    let bad = data.join("bad.xml");
    std::fs::write(&bad, MALFORMED).expect("write");
    let db = format!("sqlite://{}", dir.path().join("m.db").display());

    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(
        !out.status.success(),
        "a failed file makes the exit code non-zero"
    );
    assert!(
        stdout.contains("imported 2 records: 2 created, 0 updated, 1 files failed"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.starts_with(&bad.display().to_string()))
        .unwrap_or_else(|| panic!("bad file not reported: {stderr}"));
    let rest = &line[bad.display().to_string().len()..];
    let parts: Vec<&str> = rest.splitn(4, ':').collect();
    assert!(
        parts.len() == 4
            && parts[0].is_empty()
            && parts[1].parse::<u64>().is_ok()
            && parts[2].parse::<u64>().is_ok(),
        "expected PATH:LINE:COLUMN: message, got {line}"
    );

    std::fs::remove_file(&bad).expect("rm");
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(out.status.success(), "stderr: {stderr}");
    assert!(
        stdout.contains("imported 2 records: 0 created, 2 updated, 0 files failed"),
        "{stdout}"
    );
}

#[test]
fn import_of_a_missing_path_fails_without_stopping() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = copy_good_records(dir.path());
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db, "does-not-exist.xml"])
        .arg(&good[0]));
    assert!(!out.status.success());
    assert!(
        stderr.contains("does-not-exist.xml: no such file or folder"),
        "{stderr}"
    );
    assert!(
        stdout.contains("imported 1 records: 1 created, 0 updated, 1 files failed"),
        "{stdout}"
    );
}

#[test]
fn a_record_the_store_refuses_fails_alone_with_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("in");
    std::fs::create_dir(&data).expect("mkdir");
    copy_good_records(&data);
    let bad = data.join("bad-extent.xml");
    write_variant(&bad, "fr-test-bad-extent", Some("49.5"));
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(!out.status.success());
    assert!(
        stdout.contains("imported 2 records: 2 created, 0 updated, 1 files failed"),
        "{stdout}"
    );
    let expected = format!("{}: record fr-test-bad-extent refused: ", bad.display());
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn identifiers_repeated_in_one_run_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("records");
    std::fs::create_dir(&data).expect("mkdir");
    for name in ["a.xml", "b.xml", "c.xml"] {
        write_variant(&data.join(name), "FR-200046977/same", None);
    }
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("2 records repeated an identifier seen earlier in this run"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("into {db}")), "{stdout}");
    let repeats: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("already read from"))
        .collect();
    assert_eq!(repeats.len(), 2, "{stderr}");
    assert!(
        repeats[0].contains("a.xml")
            && repeats[0].starts_with(&data.join("b.xml").display().to_string()),
        "{stderr}"
    );
}

#[test]
fn an_import_that_finds_no_record_file_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    std::fs::write(empty.join("notes.txt"), "not a record").expect("write");
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&empty));
    assert!(!out.status.success());
    assert!(stderr.contains("no record file found"), "{stderr}");
    assert!(
        stderr.contains(&format!("database {db} (created)")),
        "{stderr}"
    );
}

#[test]
fn an_import_for_an_unknown_organisation_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = copy_good_records(dir.path());
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db, "--org", "76540"])
        .arg(&good[0]));
    assert!(!out.status.success(), "{stdout}");
    assert!(stderr.contains("no organisation \"76540\""), "{stderr}");
    let (out, ..) =
        run(moisson(dir.path()).args(["orgs", "add", "76540", "Rouen", "--database", &db]));
    assert!(out.status.success());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db, "--org", "76540"])
        .arg(&good[0]));
    assert!(out.status.success(), "{stdout}\n{stderr}");
}
