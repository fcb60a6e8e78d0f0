//! Edits merged into Dublin Core originals (standalone csw:Record): for every sample and
//! every field the csw:Record holds, the merged document reads as the edited record and
//! still validates where the original did.

use moisson_iso::mapping::{ISO_MAPPING, differing_fields};
use moisson_iso::{ElementSet, merge, read, write_csw_record};
use moisson_model::{DocumentFormat, OriginalDocument, Record};

use crate::merge::{change, check_schema};
use crate::samples::dc_samples;
use crate::schema::{out_dir, validating_csw_record};

/// What the csw:Record writer and reader make of a record.
fn as_dc(r: &Record) -> Record {
    let written = write_csw_record(r, ElementSet::Full);
    read(written.as_bytes()).expect("written").remove(0).record
}

#[test]
fn every_field_edit_merges_into_every_csw_record() {
    let out = out_dir("merge-dc");
    let (mut failures, mut files) = (Vec::new(), Vec::new());
    for path in dc_samples() {
        let bytes = std::fs::read(&path).expect("sample");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let parsed = read(&bytes).expect("sample reads");
        let [one] = parsed.as_slice() else { continue };
        let is_record = text.contains("<csw:Record") && !text.contains("Response");
        if one.original.is_none() || !is_record {
            continue;
        }
        let original = OriginalDocument {
            format: DocumentFormat::DublinCore,
            bytes: bytes.clone(),
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = &one.record;
        let same = merge(&original, old, old).expect("merging nothing");
        assert!(
            same.bytes == bytes,
            "{name}: merging no change changed the document"
        );
        for m in ISO_MAPPING {
            let mut new = old.clone();
            if !change(m.field, &mut new) || differing_fields(&as_dc(old), &as_dc(&new)).is_empty()
            {
                continue;
            }
            let merged = match merge(&original, old, &new) {
                Ok(doc) => doc,
                Err(e) => {
                    failures.push(format!("{name} / {}: {e}", m.field));
                    continue;
                }
            };
            let mut back = read(&merged.bytes).expect("merged reads").remove(0).record;
            back.id.clone_from(&old.id);
            let mut want = as_dc(&new);
            want.id.clone_from(&old.id);
            let differ = differing_fields(&back, &want);
            if !differ.is_empty() {
                failures.push(format!(
                    "{name} / {}: reads differently in {differ:?}",
                    m.field
                ));
            }
            let file = out.join(format!("{name}-{}.xml", m.field));
            std::fs::write(&file, &merged.bytes).expect("write");
            files.push((path.clone(), file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(files.len() >= 10, "only {} merges checked", files.len());
    check_schema(&files, validating_csw_record);
}
