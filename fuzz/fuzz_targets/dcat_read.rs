//! The DCAT reader (harvests): the first byte picks the RDF syntax.
#![no_main]

use moisson_dcat::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let format = match kind % 4 {
        0 => Format::Turtle,
        1 => Format::RdfXml,
        2 => Format::JsonLd,
        _ => Format::NTriples,
    };
    let _ = moisson_dcat::read_dcat_page(rest, format);
});
