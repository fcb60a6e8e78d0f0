//! The DCAT reader (harvests of DCAT catalogues), in each RDF syntax it reads.

use moisson_dcat::Format;
use proptest::prelude::*;

use crate::damage::damaged;
use crate::{config, samples};

/// The SEMIC reference outputs, in `format` (written from the Turtle when not Turtle).
fn documents(format: Format) -> Vec<Vec<u8>> {
    samples("dcat/semic", "ttl")
        .iter()
        .map(|ttl| {
            let graph = moisson_dcat::parse(ttl, Format::Turtle).expect("a SEMIC sample");
            moisson_dcat::write(&graph, format).expect("written")
        })
        .collect()
}

fn read(doc: &[u8], format: Format) {
    let _ = moisson_dcat::read_dcat_page(doc, format);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn turtle_is_read_or_refused(doc in damaged(documents(Format::Turtle))) {
        read(&doc, Format::Turtle);
    }

    #[test]
    fn rdf_xml_is_read_or_refused(doc in damaged(documents(Format::RdfXml))) {
        read(&doc, Format::RdfXml);
    }

    #[test]
    fn json_ld_is_read_or_refused(doc in damaged(documents(Format::JsonLd))) {
        read(&doc, Format::JsonLd);
    }

    #[test]
    fn n_triples_are_read_or_refused(doc in damaged(documents(Format::NTriples))) {
        read(&doc, Format::NTriples);
    }
}
