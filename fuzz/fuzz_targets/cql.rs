//! OGC CQL text (CSW constraints).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = moisson_filter::parse_cql(text);
});
