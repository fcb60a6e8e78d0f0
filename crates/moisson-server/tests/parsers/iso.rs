//! The ISO 19139 / Dublin Core reader (imports, REST and CSW-T bodies, harvests).

use proptest::prelude::*;

use crate::damage::damaged;
use crate::{config, samples};

fn documents() -> Vec<Vec<u8>> {
    let mut all = samples("iso19139", "xml");
    all.extend(samples("dublin-core", "xml"));
    all
}

/// What the reader accepts, the writer writes back as a document the reader accepts,
/// holding the same record: a stored record can always be served and read again.
fn served_back(doc: &[u8]) {
    let Ok(parsed) = moisson_iso::read(doc) else {
        return;
    };
    for one in parsed {
        let written = moisson_iso::write_iso19139(&one.record);
        let again = moisson_iso::read(written.as_bytes())
            .unwrap_or_else(|e| panic!("written back, refused: {e}\n{written}"));
        assert_eq!(again.len(), 1, "{written}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn damaged_documents_are_read_or_refused(doc in damaged(documents())) {
        served_back(&doc);
    }

    #[test]
    fn arbitrary_bytes_are_refused_cleanly(doc in prop::collection::vec(any::<u8>(), 0..512)) {
        served_back(&doc);
    }
}
