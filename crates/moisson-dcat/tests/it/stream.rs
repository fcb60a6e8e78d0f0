//! The streamed whole catalogue is the same graph as the paged catalogue (without its
//! hydra paging), in every format.

use moisson_dcat::{
    CatalogConfig, CatalogStream, Format, MappedRecord, Page, catalog_graph, parse,
};
use moisson_model::{Record, RecordId};
use oxrdf::{Graph, NamedOrBlankNodeRef};

use crate::fixtures::{canonical, context, rich_record, service_record};

fn records() -> Vec<Record> {
    let mut records = vec![rich_record(), service_record()];
    for i in 1..4 {
        let mut r = rich_record();
        r.id = RecordId::parse(format!("FR-200046977/plu/{i:03}")).ok();
        r.title = format!("Plan {i}");
        records.push(r);
    }
    records
}

/// The paged catalogue of `records` on one page, its paging node removed.
fn paged_without_hydra(records: &[Record]) -> Graph {
    let ctx = context();
    let url = |n| format!("{}?page={n}&page_size=100", ctx.catalog_iri());
    let page = Page {
        number: 1,
        size: 100,
        total: records.len() as u64,
        url: &url,
    };
    let graph = catalog_graph(records, &page, &ctx, &CatalogConfig::default());
    let paging = url(1);
    graph
        .iter()
        .filter(|t| !matches!(t.subject, NamedOrBlankNodeRef::NamedNode(n) if n.as_str() == paging))
        .collect()
}

fn streamed(records: &[Record], format: Format) -> Vec<u8> {
    let ctx = context();
    let mut stream =
        CatalogStream::start(Vec::new(), format, &ctx, &CatalogConfig::default()).expect("starts");
    for r in records {
        stream.write_record(r, &ctx).expect("writes a record");
    }
    assert_eq!(stream.records(), records.len() as u64);
    stream.finish(&ctx).expect("finishes")
}

/// Each of `formats`, streamed, parses to the paged catalogue's graph (without hydra).
fn assert_streams_the_paged_graph(records: &[Record], formats: &[Format]) {
    let expected = paged_without_hydra(records);
    let expected_len = expected.len();
    let expected = canonical(expected);
    for &format in formats {
        let bytes = streamed(records, format);
        let graph = parse(&bytes, format).expect("parses the streamed catalogue");
        assert_eq!(graph.len(), expected_len, "{}", format.name());
        assert!(
            canonical(graph) == expected,
            "{} graph differs",
            format.name()
        );
    }
}

#[test]
fn streamed_catalogue_is_the_paged_graph_in_every_format() {
    let records = records();
    assert_streams_the_paged_graph(&records, &Format::ALL);
}

/// Texts with quotes, backslashes, line breaks, control characters and Turtle or JSON
/// punctuation read back the same in the streamed serialisations (RDF/XML cannot carry
/// control characters).
#[test]
fn awkward_texts_stream_unchanged() {
    let mut records = records();
    records[0].title = "Un \"titre\"\\ sur\ndeux lignes\r\t\u{1}\u{7f} é — \u{FFFF} fin".to_owned();
    records[1].abstract_text =
        "'a' \"\"\" ''' ; , . # <x> _:b1 @fr ^^xsd:date {\"k\": [1]}".to_owned();
    assert_streams_the_paged_graph(
        &records,
        &[Format::Turtle, Format::NTriples, Format::JsonLd],
    );
}

#[test]
fn streamed_json_ld_is_one_compacted_graph() {
    let bytes = streamed(&records(), Format::JsonLd);
    let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("one JSON document");
    assert!(doc["@context"]["dcat"].is_string());
    let graph = doc["@graph"].as_array().expect("@graph");
    assert!(
        graph
            .iter()
            .any(|n| n["@type"] == "dcat:Dataset" && n["dct:title"].is_object())
    );
}

#[test]
fn empty_catalogue_streams_its_description() {
    for format in Format::ALL {
        let graph = parse(&streamed(&[], format), format).expect("parses");
        assert_eq!(
            graph.len(),
            paged_without_hydra(&[]).len(),
            "{}",
            format.name()
        );
    }
}

/// Records mapped ahead on other threads (as `moisson export` does) and written in order
/// give the very same bytes as `write_record`: the output order does not depend on the
/// thread or the run.
#[test]
fn records_mapped_ahead_write_the_same_bytes() {
    let records = records();
    let ctx = context();
    for format in Format::ALL {
        let mapped: Vec<MappedRecord> = std::thread::scope(|scope| {
            let handles: Vec<_> = records
                .iter()
                .zip(1..)
                .map(|(r, n)| {
                    let ctx = &ctx;
                    scope.spawn(move || MappedRecord::new(r, ctx, n))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("maps"))
                .collect()
        });
        let mut stream = CatalogStream::start(Vec::new(), format, &ctx, &CatalogConfig::default())
            .expect("starts");
        for m in mapped {
            stream.write_mapped(m).expect("writes a mapped record");
        }
        let ahead = stream.finish(&ctx).expect("finishes");
        assert!(
            ahead == streamed(&records, format),
            "{} differs",
            format.name()
        );
    }
}

#[test]
fn a_record_mapped_out_of_order_is_refused() {
    let ctx = context();
    let mut stream =
        CatalogStream::start(Vec::new(), Format::Turtle, &ctx, &CatalogConfig::default())
            .expect("starts");
    let second = MappedRecord::new(&rich_record(), &ctx, 2);
    assert!(stream.write_mapped(second).is_err());
    assert_eq!(stream.records(), 0);
}
