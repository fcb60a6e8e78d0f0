//! Related resources (`Record::relations`): a Dublin Core `dc:relation` of a record that is
//! not a service, kept and written back as dc:relation, ISO 19139 gmd:aggregationInfo and
//! ISO 19115-3 mri:associatedResource.

use moisson_iso::{ElementSet, read, write_csw_record, write_iso19115_3, write_iso19139};

/// pycsw's CITE record 829babb0 (MIT, `tests/data/csw-suites/cite/data`): an image that
/// names another record in dc:relation.
const CITE_IMAGE: &str = include_str!(
    "../../../../tests/data/csw-suites/cite/data/Record_829babb0-b2f1-49e1-8cd5-7b489fe71a1e.xml"
);
const RELATED: &str = "urn:uuid:9a669547-b69b-469f-a11f-2d875366bbdc";

#[test]
fn dc_relation_of_a_dataset_is_kept_in_every_format() {
    let parsed = read(CITE_IMAGE.as_bytes()).expect("reads").remove(0);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let record = parsed.record;
    assert_eq!(record.relations, [RELATED]);
    assert!(record.service.is_none());
    let dc = write_csw_record(&record, ElementSet::Full);
    assert!(
        dc.contains(&format!("<dc:relation>{RELATED}</dc:relation>")),
        "{dc}"
    );
    for (format, written) in [
        ("csw:Record", dc),
        ("ISO 19139", write_iso19139(&record)),
        ("ISO 19115-3", write_iso19115_3(&record)),
    ] {
        let back = read(written.as_bytes())
            .expect("reads back")
            .remove(0)
            .record;
        assert_eq!(back.relations, [RELATED], "{format}:\n{written}");
    }
}
