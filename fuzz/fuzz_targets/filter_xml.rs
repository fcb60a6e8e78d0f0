//! OGC Filter 1.1 XML (CSW constraints).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = moisson_filter::parse_filter_xml(text);
});
