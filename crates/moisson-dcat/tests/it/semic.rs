//! The SEMIC reference pairs (ISO 19139 input → GeoDCAT-AP expected output): Moisson's
//! export of the input has the key triples of the expected output.

use std::collections::BTreeSet;
use std::path::Path;

use moisson_dcat::vocab::{dcat, dct, foaf, geodcatap, rdf};
use moisson_dcat::{Context, Format, parse, record_graph};
use oxrdf::{Graph, NamedNodeRef, TermRef};

use crate::fixtures::PUBLIC_URL;

fn data(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(path)
}

fn values(graph: &Graph, p: NamedNodeRef<'_>, prefix: &str) -> BTreeSet<String> {
    graph
        .triples_for_predicate(p)
        .filter_map(|t| match t.object {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            TermRef::Literal(l) => Some(l.value().trim().to_owned()),
            _ => None,
        })
        .filter(|v| v.starts_with(prefix))
        .collect()
}

/// Exports the ISO input and checks it against the expected output: `subset` properties
/// have all the expected values, `overlap` properties (multilingual texts) share one.
type Checks<'a> = &'a [(NamedNodeRef<'a>, &'a str)];

fn check(input: &str, expected: &str, subset: Checks<'_>, overlap: Checks<'_>) {
    let bytes = std::fs::read(data(input)).expect("input");
    let records = moisson_iso::read(&bytes).expect("ISO reads");
    let ctx = Context::new(PUBLIC_URL);
    let mut ours = Graph::new();
    for parsed in records {
        ours.extend(record_graph(&parsed.record, &ctx).iter());
    }
    let expected = parse(
        &std::fs::read(data(expected)).expect("expected"),
        Format::Turtle,
    )
    .expect("parses");
    let mut problems = Vec::new();
    for (p, prefix) in subset {
        let (want, got) = (values(&expected, *p, prefix), values(&ours, *p, prefix));
        let missing: Vec<_> = want.difference(&got).collect();
        if !missing.is_empty() {
            problems.push(format!("{p}: missing {missing:?}, have {got:?}"));
        }
    }
    for (p, prefix) in overlap {
        let (want, got) = (values(&expected, *p, prefix), values(&ours, *p, prefix));
        if !want.is_empty() && want.is_disjoint(&got) {
            problems.push(format!("{p}: none of {want:?} in {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{input}:\n{}", problems.join("\n"));
}

/// Properties compared on every pair; the prefix keeps the values Moisson writes the same
/// way (e.g. INSPIRE theme IRIs, ELI regulations), see docs/dcat-mapping.md. `dct:language`
/// is left out on purpose: the SEMIC XSLT upper-cases ISO 639-2/B codes (`FRE`, `CZE`),
/// which are not in the EU language table; Moisson writes the table's `FRA`, `CES`.
const SUBSET: [(NamedNodeRef<'static>, &str); 13] = [
    (rdf::TYPE, "http://www.w3.org/ns/dcat#Data"),
    (dcat::THEME, "http://inspire.ec.europa.eu/theme/"),
    (dct::CONFORMS_TO, "http://data.europa.eu/eli/"),
    (dct::CONFORMS_TO, "http://www.opengis.net/def/crs/"),
    (geodcatap::TOPIC_CATEGORY, ""),
    (dct::ACCRUAL_PERIODICITY, ""),
    (dcat::START_DATE, ""),
    (dcat::END_DATE, ""),
    (dct::ISSUED, ""),
    (dct::CREATED, ""),
    (foaf::MBOX, ""),
    (dcat::ACCESS_URL, ""),
    (dcat::ENDPOINT_URL, ""),
];

const OVERLAP: [(NamedNodeRef<'static>, &str); 4] = [
    (dct::TITLE, ""),
    (dct::DESCRIPTION, ""),
    (dct::IDENTIFIER, ""),
    (dcat::KEYWORD, ""),
];

#[test]
fn hvd_dataset() {
    check(
        "iso19139/semic_hvd_dataset_multilingual_input.xml",
        "dcat/semic/semic_hvd_dataset_multilingual_expected_output.ttl",
        &SUBSET,
        &OVERLAP,
    );
}

#[test]
fn multilingual_series() {
    check(
        "iso19139/semic_multilingual-resource-description_input.xml",
        "dcat/semic/semic_multilingual-resource-description_expected_output.ttl",
        &SUBSET,
        &OVERLAP,
    );
}

#[test]
fn multilingual_download_service() {
    check(
        "iso19139/csw-responses/semic_multilingual-metadata_input.xml",
        "dcat/semic/semic_multilingual-metadata_expected_output.ttl",
        &SUBSET,
        &OVERLAP,
    );
}

/// The bounding box of the hvd dataset is the expected WKT polygon's.
#[test]
fn hvd_bbox_matches() {
    let bytes =
        std::fs::read(data("iso19139/semic_hvd_dataset_multilingual_input.xml")).expect("input");
    let record = moisson_iso::read(&bytes).expect("reads").remove(0).record;
    let graph = record_graph(&record, &Context::new(PUBLIC_URL));
    let ours = values(&graph, dcat::BBOX, "POLYGON");
    assert_eq!(
        ours.into_iter().collect::<Vec<_>>(),
        ["POLYGON((14.18 35.81,14.58 35.81,14.58 36.08,14.18 36.08,14.18 35.81))"]
    );
}

/// The two SEMIC pairs whose inputs (INSPIRE MIF examples, no licence stated) stay in the
/// shared folder: checked when `MOISSON_SHARED_DATA` points at it.
#[test]
fn shared_inspire_examples() {
    let Some(shared) = std::env::var_os("MOISSON_SHARED_DATA").map(std::path::PathBuf::from) else {
        eprintln!("MOISSON_SHARED_DATA unset: the INSPIRE MIF examples are not checked");
        return;
    };
    for (input, expected) in [
        (
            "iso19139/inspiremif_Dataset_metadata_2.0_example.xml",
            "dcat/semic-iso19139-to-geodcat-ap/semic_basic_dataset_expected_output.ttl",
        ),
        (
            "iso19139/inspiremif_NetworkService_WMS_metadata_2.0_example.xml",
            "dcat/semic-iso19139-to-geodcat-ap/semic_network-service_expected_output.ttl",
        ),
    ] {
        check(
            &shared.join(input).to_string_lossy(),
            &shared.join(expected).to_string_lossy(),
            &SUBSET,
            &OVERLAP,
        );
    }
}
