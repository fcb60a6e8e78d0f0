//! `moisson import` reports per file the records an ISO schema refuses (the same
//! documents fail xmllint against tests/data/xsd), and `--strict` refuses them.

use std::path::Path;
use std::process::Command;

use crate::support::{copy_good_records, moisson, run};

/// An ISO 19139 record without abstract, dates, language, contact or date stamp.
const INCOMPLETE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
  <gmd:fileIdentifier><gco:CharacterString>incomplete-1</gco:CharacterString></gmd:fileIdentifier>
  <gmd:identificationInfo>
    <gmd:MD_DataIdentification>
      <gmd:citation><gmd:CI_Citation>
        <gmd:title><gco:CharacterString>Incomplete</gco:CharacterString></gmd:title>
      </gmd:CI_Citation></gmd:citation>
    </gmd:MD_DataIdentification>
  </gmd:identificationInfo>
</gmd:MD_Metadata>
"#;

fn xmllint_refuses(file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/xsd/wrappers/iso19139-20070417-all.xsd");
    let out = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(schema)
        .arg(file)
        .output()
        .expect("xmllint (apt-get install libxml2-utils)");
    assert!(
        !out.status.success(),
        "xmllint accepts the incomplete record"
    );
}

#[test]
fn schema_problems_are_reported_and_strict_refuses_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("in");
    std::fs::create_dir(&data).expect("mkdir");
    copy_good_records(&data);
    let bad = data.join("incomplete.xml");
    std::fs::write(&bad, INCOMPLETE).expect("write");
    xmllint_refuses(&bad);
    let db = format!("sqlite://{}", dir.path().join("m.db").display());

    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--strict", "--database", &db])
        .arg(&data));
    assert!(!out.status.success(), "{stdout}\n{stderr}");
    let line = format!(
        "{}: record incomplete-1 refused (--strict), invalid:",
        bad.display()
    );
    assert!(stderr.contains(&line), "{stderr}");
    for missing in [
        "abstract",
        "gmd:dateStamp",
        "metadata contact",
        "citation date",
    ] {
        assert!(stderr.contains(missing), "{missing}: {stderr}");
    }
    assert!(stdout.contains("imported 2 records"), "{stdout}");

    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["import", "--database", &db])
        .arg(&data));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("invalid: record incomplete-1: no metadata contact"),
        "{stderr}"
    );
    assert!(
        stdout.contains("1 records break the ISO schema"),
        "{stdout}"
    );
}
