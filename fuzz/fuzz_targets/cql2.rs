//! CQL2 text and JSON (OGC API Records `filter`): the first byte picks the encoding.
#![no_main]

use moisson_filter::cql2::{Cql2Target, parse_cql2_json, parse_cql2_text};
use moisson_model::Property;

fn resolve(name: &str) -> Option<Cql2Target> {
    match name {
        "title" => Some(Cql2Target::Property(Property::Title)),
        "geometry" => Some(Cql2Target::Geometry),
        "time" => Some(Cql2Target::Time),
        _ => None,
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let _ = if kind % 2 == 0 {
        parse_cql2_text(text, &resolve)
    } else {
        parse_cql2_json(text, &resolve)
    };
});
