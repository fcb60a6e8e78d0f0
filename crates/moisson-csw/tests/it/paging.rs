//! data.gouv.fr's harvester request replayed page by page over ~1 000 generated records.

use std::collections::HashSet;

use moisson_model::{Bbox, GeographicExtent, HierarchyLevel, RecordId};
use moisson_store::NewRecord;

use crate::support::{ISO_XSD, app, attr, env_with, post, root, validate};

const TYPES: [&str; 5] = [
    "dataset",
    "nonGeographicDataset",
    "series",
    "service",
    "application",
];

/// 1 000 records cloned from a fixture: ids, titles, boxes and types vary; every fifth
/// record is an `application`, which the harvester's filter leaves out.
fn generated() -> Vec<NewRecord> {
    let bytes = std::fs::read(
        root().join("tests/data/iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml"),
    )
    .expect("fixture");
    let base = moisson_iso::read(&bytes).expect("parses").remove(0).record;
    (0..1000)
        .map(|i| {
            let mut r = base.clone();
            // Ids out of insertion order, to prove the sort.
            r.id = Some(RecordId::parse(format!("gen-{:04}", (i * 7919) % 1000)).expect("id"));
            r.title = format!("Generated record {i}");
            r.hierarchy_level = HierarchyLevel::parse(TYPES[i % 5]);
            let x = f64::from(u32::try_from(i % 300).expect("small")) * 0.5 - 75.0;
            r.extents = vec![GeographicExtent {
                bbox: Some(Bbox {
                    west: x,
                    south: 10.0,
                    east: x + 1.0,
                    north: 11.0,
                }),
                description: None,
            }];
            NewRecord {
                record: r,
                original: None,
            }
        })
        .collect()
}

fn request(start: u64) -> String {
    include_str!("../requests/data_gouv_getrecords.xml").replace(
        r#"startPosition="1""#,
        &format!(r#"startPosition="{start}""#),
    )
}

#[actix_web::test]
async fn data_gouv_fr_walks_every_record_once() {
    let env = env_with(generated()).await;
    let app = app(&env).await;
    let mut seen = HashSet::new();
    let mut start = 1u64;
    let mut pages = 0;
    loop {
        let (status, xml) = post(&app, &request(start), None).await;
        assert_eq!(status, 200);
        if pages == 0 {
            validate(&xml, ISO_XSD);
        }
        assert_eq!(attr(&xml, "numberOfRecordsMatched"), "800");
        let ids: Vec<String> = xml
            .match_indices("<gmd:fileIdentifier>")
            .map(|(i, _)| {
                let s = i
                    + xml[i..].find("<gco:CharacterString>").expect("string")
                    + "<gco:CharacterString>".len();
                xml[s..s + xml[s..].find('<').expect("end")]
                    .trim()
                    .to_owned()
            })
            .collect();
        assert_eq!(attr(&xml, "numberOfRecordsReturned"), ids.len().to_string());
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "identifier order within a page");
        for id in ids {
            assert!(seen.insert(id.clone()), "{id} seen twice");
        }
        pages += 1;
        let next: u64 = attr(&xml, "nextRecord").parse().expect("number");
        if next == 0 {
            break;
        }
        assert_eq!(next, start + 25);
        start = next;
    }
    assert_eq!(seen.len(), 800);
    assert_eq!(pages, 32);
    assert!(seen.iter().all(|id| id.starts_with("gen-")));
}
