//! Hardened reader: DTDs, entities, malformed XML, bad encodings.

use moisson_iso::{Error, read};

fn syntax(doc: &[u8]) -> (u64, u64, String) {
    match read(doc) {
        Err(Error::Syntax {
            line,
            column,
            message,
        }) => (line, column, message),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn billion_laughs_is_refused_at_its_doctype() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]>\n<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\">&lol9;</gmd:MD_Metadata>");
    // Refused at the DOCTYPE itself (line 2, column 1): nothing is ever expanded, which
    // is what keeps it cheap (how cheap is a benchmark's business, not a test's).
    let (line, column, message) = syntax(doc.as_bytes());
    assert_eq!((line, column), (2, 1), "{message}");
    assert!(message.contains("DOCTYPE"), "{message}");
}

#[test]
fn external_entities_are_never_read() {
    let doc = b"<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n\
        <csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
        <dc:title>&x;</dc:title></csw:Record>";
    let (_, _, message) = syntax(doc);
    assert!(!message.contains("root:"), "{message}");
    let no_dtd = b"<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
        <dc:title>&x;</dc:title></csw:Record>";
    let (line, column, message) = syntax(no_dtd);
    assert_eq!((line, column), (2, 11), "{message}");
    assert!(message.contains("unknown entity"), "{message}");
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let doc = "<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\">\n  <gmd:fileIdentifier>\n  </gmd:fileIdentfier>\n</gmd:MD_Metadata>";
    let (line, column, message) = syntax(doc.as_bytes());
    assert_eq!((line, column), (3, 3), "{message}");
    let unclosed = "<a>\n<b>\n";
    let (line, _, message) = syntax(unclosed.as_bytes());
    assert_eq!(line, 3, "{message}");
    let (line, column, message) = syntax("<a>\n  <b x=1/></a>".as_bytes());
    assert_eq!(line, 2, "{message} at {column}");
    let (line, column, message) = syntax("<a>\n  <p:b/></a>".as_bytes());
    assert_eq!((line, column), (2, 3), "{message}");
    assert!(message.contains("prefix"), "{message}");
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let (line, column, message) = syntax(b"<a>\n<b>caf\xE9</b></a>");
    assert_eq!((line, column), (2, 7));
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn unknown_root_is_unknown_document() {
    let err = read(b"<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>").expect_err("not a record");
    match err {
        Error::UnknownDocument(root) => assert_eq!(root, "{http://www.opengis.net/kml/2.2}kml"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read(b"<MD_Metadata/>"),
        Err(Error::UnknownDocument(_))
    ));
}

#[test]
fn deep_nesting_is_refused() {
    let doc = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let (_, _, message) = syntax(doc.as_bytes());
    assert!(message.contains("deeply"), "{message}");
}

/// A sample as a Windows tool saves it: UTF-16 little-endian with a byte order mark and
/// `encoding="UTF-16"` (valid XML 1.0, §4.3.3).
fn as_utf16(utf8: &str) -> Vec<u8> {
    let declared = utf8.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let mut out = vec![0xFF, 0xFE];
    out.extend(declared.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

#[test]
fn utf16_documents_read_as_their_utf8_twin_and_are_kept_in_utf8() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/iso19139/ogcapiso_dataset2_multiLingual.xml"
    );
    let utf8 = std::fs::read_to_string(path).expect("sample");
    assert!(
        utf8.contains("encoding=\"UTF-8\""),
        "the sample declares UTF-8"
    );
    let twin = read(utf8.as_bytes()).expect("UTF-8").remove(0);
    let parsed = read(&as_utf16(&utf8)).expect("UTF-16").remove(0);
    assert_eq!(parsed.record, twin.record);
    let kept = parsed.original.expect("a standalone document is kept");
    let kept = String::from_utf8(kept.bytes).expect("kept as UTF-8");
    assert_eq!(kept, utf8, "kept as the UTF-8 text, declaring UTF-8");
}
