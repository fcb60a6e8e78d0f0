//! `moisson export`: unedited records come back byte-identical.

use crate::support::{copy_good_records, moisson, run, write_variant};

#[test]
fn export_writes_imported_documents_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("in");
    std::fs::create_dir(&data).expect("mkdir");
    let files = copy_good_records(&data);
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(out.status.success(), "{stderr}");

    let exported = dir.path().join("out");
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["export", "--format", "iso19139", "--database", &db, "--out"])
        .arg(&exported));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("exported 2 records"), "{stdout}");
    for (file, id) in files
        .iter()
        .zip(["fr-200040715-plui-2025", "fr-213502388-base-adresse-locale"])
    {
        let written = std::fs::read(exported.join(format!("{id}.xml"))).expect("exported file");
        assert_eq!(
            written,
            std::fs::read(file).expect("source"),
            "{id} differs"
        );
    }
}

#[test]
fn export_file_names_percent_encode_unsafe_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("r.xml");
    write_variant(&source, "FR-200046977/plu:2024\\é", None);
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&source));
    assert!(out.status.success(), "{stderr}");
    let exported = dir.path().join("out");
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["export", "--database", &db, "--out"])
        .arg(&exported));
    assert!(out.status.success(), "{stderr}");
    let written = exported.join("FR-200046977%2Fplu%3A2024%5C%C3%A9.xml");
    assert_eq!(
        std::fs::read(&written).expect("encoded name"),
        std::fs::read(&source).expect("source")
    );
}
