//! write → read gives back the same record, for every sample.

use std::path::Path;

use moisson_iso::{ElementSet, read, write_csw_record, write_iso19139};
use moisson_model::Record;

use crate::samples::{dc_samples, iso_samples, read_file, required_shared_dir, xml_files};

/// Asserts equality, naming the differing fields first so a failure is readable.
pub fn assert_same(expected: &Record, actual: &Record, context: &str) {
    if expected == actual {
        return;
    }
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(expected), serde_json::to_value(actual))
    else {
        panic!("{context}: records differ");
    };
    let diffs: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, v)| {
            format!(
                "  {k}:\n    before: {v}\n    after:  {}",
                b.get(k).unwrap_or(&serde_json::Value::Null)
            )
        })
        .collect();
    panic!("{context}: records differ\n{}", diffs.join("\n"));
}

fn iso_round_trip(path: &Path) {
    let (_, records) = read_file(path);
    for (i, p) in records.iter().enumerate() {
        let xml = write_iso19139(&p.record);
        let back =
            read(xml.as_bytes()).unwrap_or_else(|e| panic!("{} #{i}: {e}\n{xml}", path.display()));
        assert_eq!(back.len(), 1, "{}", path.display());
        assert_same(
            &p.record,
            &back[0].record,
            &format!("{} #{i} (ISO)", path.display()),
        );
        assert!(
            back[0].warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            back[0].warnings
        );
    }
}

fn dc_round_trip(path: &Path) {
    let (_, records) = read_file(path);
    for (i, p) in records.iter().enumerate() {
        let xml = write_csw_record(&p.record, ElementSet::Full);
        let back =
            read(xml.as_bytes()).unwrap_or_else(|e| panic!("{} #{i}: {e}\n{xml}", path.display()));
        assert_eq!(back.len(), 1, "{}", path.display());
        assert_same(
            &p.record,
            &back[0].record,
            &format!("{} #{i} (csw:Record)", path.display()),
        );
    }
}

#[test]
fn iso_samples_round_trip() {
    for path in iso_samples() {
        iso_round_trip(&path);
    }
}

#[test]
fn dc_samples_round_trip() {
    for path in dc_samples() {
        dc_round_trip(&path);
    }
}

#[test]
#[ignore = "needs MOISSON_SHARED_DATA (scripts/test runs it where the shared data is)"]
fn shared_samples_round_trip() {
    let dir = required_shared_dir();
    for path in xml_files(&dir.join("iso19139")) {
        iso_round_trip(&path);
    }
    for path in xml_files(&dir.join("dublin-core")) {
        dc_round_trip(&path);
    }
}

#[test]
fn summary_and_brief_keep_their_fields() {
    for path in dc_samples() {
        let (_, records) = read_file(&path);
        let r = &records[0].record;
        let brief = read(write_csw_record(r, ElementSet::Brief).as_bytes()).expect("brief reads");
        assert_eq!(brief[0].record.id, r.id);
        assert_eq!(brief[0].record.title, r.title);
        assert_eq!(brief[0].record.hierarchy_level, r.hierarchy_level);
        let summary =
            read(write_csw_record(r, ElementSet::Summary).as_bytes()).expect("summary reads");
        assert_eq!(summary[0].record.abstract_text, r.abstract_text);
        assert_eq!(summary[0].record.keywords, r.keywords, "{}", path.display());
        assert_eq!(summary[0].record.metadata.date_stamp, r.metadata.date_stamp);
    }
}
