//! The ISO 19139 / Dublin Core reader; what it accepts must be written back readable.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = moisson_iso::read(data) {
        for one in parsed {
            let written = moisson_iso::write_iso19139(&one.record);
            assert!(moisson_iso::read(written.as_bytes()).is_ok(), "{written}");
        }
    }
});
