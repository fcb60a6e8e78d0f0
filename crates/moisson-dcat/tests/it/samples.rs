//! Reading real DCAT catalogues: the shared samples (data.gouv.fr/udata, GeoNetwork, CKAN,
//! data.europa.eu) when `MOISSON_SHARED_DATA` points at them, in all four serialisations.

use std::path::PathBuf;

use moisson_dcat::{Format, parse, read_dcat_page, write};

use crate::roundtrip::assert_same;

fn shared() -> Option<PathBuf> {
    std::env::var_os("MOISSON_SHARED_DATA").map(|d| PathBuf::from(d).join("dcat"))
}

/// (file, format, records expected, hydra:totalItems). The udata page has 2 datasets and
/// 1 dcat:DataService; both paged samples are single pages (no next link).
const SAMPLES: [(&str, Format, usize, Option<u64>); 6] = [
    ("udata_udata.xml", Format::RdfXml, 3, Some(2)),
    (
        "udata_datara--5a26b0f6-0ccf-46ad-ac58-734054b91977.rdf.xml",
        Format::RdfXml,
        1,
        None,
    ),
    ("udata_sig.oreme.rdf", Format::RdfXml, 1, None),
    (
        "cnig_ignf_elf_administrative_unit_1-0-xml.rdf",
        Format::RdfXml,
        1,
        None,
    ),
    (
        "dcatapit_catalog_dati_unibo.rdf",
        Format::RdfXml,
        12,
        Some(12),
    ),
    ("ckandcat_dataset_gob_es.ttl", Format::Turtle, 1, None),
];

#[test]
fn shared_samples_read_in_every_serialisation() {
    let Some(dir) = shared() else {
        eprintln!(
            "MOISSON_SHARED_DATA unset: the shared (non-redistributable) DCAT samples are not checked"
        );
        return;
    };
    for (file, format, count, total) in SAMPLES {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let graph = parse(&bytes, format).unwrap_or_else(|e| panic!("{file}: {e}"));
        let page = read_dcat_page(&bytes, format).expect("reads");
        assert_eq!(page.records.len(), count, "{file}");
        assert_eq!(page.total, total, "{file}");
        assert_eq!(page.next_page, None, "{file}");
        assert!(
            page.records
                .iter()
                .all(|r| !r.title.is_empty() && r.id.is_some()),
            "{file}: titles and ids"
        );
        for other in Format::ALL {
            let rewritten = write(&graph, other).expect("writes");
            assert_same(
                &graph,
                &parse(&rewritten, other).expect("parses back"),
                &format!("{file} as {other:?}"),
            );
            assert_eq!(
                read_dcat_page(&rewritten, other).expect("reads").records,
                page.records,
                "{file} as {other:?}"
            );
        }
    }
}
