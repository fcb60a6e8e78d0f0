//! `moisson export`: unedited records come back byte-identical; `dcat-*` write the
//! catalogue an anonymous harvester sees (or every record with `--all`) to one file.

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

/// A database of two published records and a draft; returns its URL.
fn published_and_draft(dir: &std::path::Path) -> String {
    let data = dir.join("in");
    std::fs::create_dir(&data).expect("mkdir");
    copy_good_records(&data);
    let draft = dir.join("draft.xml");
    write_variant(&draft, "FR-200046977/draft", None);
    let db = format!("sqlite://{}", dir.join("m.db").display());
    for (path, status) in [(&data, "published"), (&draft, "draft")] {
        let (out, _, stderr) = run(moisson(dir)
            .args(["import", "--status", status, "--database", &db])
            .arg(path));
        assert!(out.status.success(), "{stderr}");
    }
    db
}

#[test]
fn export_writes_what_an_anonymous_harvester_sees_unless_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = published_and_draft(dir.path());
    for (all, expected) in [(false, 2), (true, 3)] {
        let out_dir = dir.path().join(format!("iso-{all}"));
        let mut cmd = moisson(dir.path());
        cmd.args(["export", "--format", "iso19139", "--database", &db, "--out"])
            .arg(&out_dir);
        if all {
            cmd.arg("--all");
        }
        let (out, stdout, stderr) = run(&mut cmd);
        assert!(out.status.success(), "{stderr}");
        assert!(
            stdout.contains(&format!("exported {expected} records")),
            "{stdout}"
        );
        let files = std::fs::read_dir(&out_dir).expect("exported").count();
        assert_eq!(files, expected, "--all {all}");
        let draft = out_dir.join("FR-200046977%2Fdraft.xml");
        assert_eq!(draft.exists(), all, "the draft only with --all");
    }
}

#[test]
fn export_dcat_writes_the_published_public_catalogue_unless_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = published_and_draft(dir.path());
    for (format, rdf, all, expected) in [
        ("dcat-turtle", moisson_dcat::Format::Turtle, false, 2),
        ("dcat-jsonld", moisson_dcat::Format::JsonLd, false, 2),
        ("dcat-rdfxml", moisson_dcat::Format::RdfXml, true, 3),
        ("dcat-ntriples", moisson_dcat::Format::NTriples, true, 3),
    ] {
        let file = dir
            .path()
            .join("out")
            .join(format!("catalog.{}", rdf.extension()));
        let mut cmd = moisson(dir.path());
        cmd.args(["export", "--format", format, "--database", &db])
            .args(["--public-url", "https://catalogue.example.fr", "--out"])
            .arg(&file);
        if all {
            cmd.arg("--all");
        }
        let (out, stdout, stderr) = run(&mut cmd);
        assert!(out.status.success(), "{format}: {stderr}");
        assert!(
            stdout.contains(&format!("exported {expected} records")),
            "{stdout}"
        );
        let bytes = std::fs::read(&file).expect("exported catalogue");
        let records = moisson_dcat::read_dcat(&bytes, rdf).expect("reads the export");
        assert_eq!(records.len(), expected, "{format}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("https://catalogue.example.fr/dcat/catalog"),
            "{format}"
        );
        assert!(
            !text.contains("localhost") && !text.contains("127.0.0.1"),
            "{format}"
        );
    }
}
