//! Reading SKOS in every syntax, and the shipped thesauri.

use moisson_thesaurus::{Error, Syntax, Thesaurus, read, shipped, to_turtle};

fn sample(name: &str) -> Thesaurus {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("sample");
    read(
        &bytes,
        Syntax::of_path(&path).expect("syntax"),
        "test",
        None,
    )
    .expect("reads")
}

fn concept<'a>(t: &'a Thesaurus, local: &str) -> &'a moisson_thesaurus::Concept {
    let uri = format!("http://example.org/t/{local}");
    t.concepts.iter().find(|c| c.uri == uri).expect(local)
}

#[test]
fn every_syntax_reads_the_same_scheme() {
    for name in ["sample.ttl", "sample.rdf", "sample.jsonld"] {
        let t = sample(name);
        assert_eq!(t.uri, "http://example.org/t/scheme", "{name}");
        assert_eq!(t.title_in("fr"), "Thèmes d'essai", "{name}");
        assert_eq!(
            t.concepts.len(),
            3,
            "{name}: the other scheme's concept is left out"
        );
        let a = concept(&t, "assainissement");
        assert_eq!(a.label_in("fr"), "Assainissement");
        assert_eq!(a.alt_labels[0].text, "Eaux usées");
        // Each direction of the hierarchy is completed from the other.
        assert_eq!(a.broader, vec!["http://example.org/t/eau"], "{name}");
        assert_eq!(a.narrower, vec!["http://example.org/t/step"], "{name}");
        assert_eq!(
            a.exact_matches,
            vec!["http://www.eionet.europa.eu/gemet/concept/7287"]
        );
        assert_eq!(t.top_concepts, vec!["http://example.org/t/eau"], "{name}");
        assert_eq!(
            concept(&t, "eau").label_in("de"),
            "Water",
            "English comes next"
        );
    }
}

#[test]
fn a_named_scheme_is_read_and_an_absent_one_refused() {
    let bytes = std::fs::read(format!(
        "{}/tests/data/sample.ttl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("sample");
    let other = read(
        &bytes,
        Syntax::Turtle,
        "o",
        Some("http://example.org/t/other"),
    )
    .expect("reads");
    assert_eq!(other.concepts.len(), 1);
    assert!(matches!(
        read(&bytes, Syntax::Turtle, "o", Some("http://example.org/nope")),
        Err(Error::NoScheme(_))
    ));
}

#[test]
fn bad_input_is_refused_clearly() {
    let e = read(b"<rdf:RDF", Syntax::RdfXml, "x", None).expect_err("not RDF");
    assert!(e.to_string().starts_with("not valid RDF/XML"), "{e}");
    let e = read(b"", Syntax::Turtle, "x", None).expect_err("empty");
    assert!(matches!(e, Error::NoScheme(_)), "{e}");
    let e = read(b"", Syntax::Turtle, "../x", None).expect_err("bad id");
    assert!(matches!(e, Error::InvalidId(_)), "{e}");
    assert!(matches!(
        Syntax::of_path("a.docx"),
        Err(Error::UnknownSyntax(_))
    ));
}

#[test]
fn turtle_written_reads_back_the_same() {
    let t = sample("sample.ttl");
    let again = read(
        &to_turtle(&t).expect("writes"),
        Syntax::Turtle,
        "test",
        None,
    )
    .expect("reads");
    assert_eq!(again, t);
}

#[test]
fn shipped_thesauri_read_whole() {
    let expected = [
        ("inspire-theme", 34),
        ("data-theme", 14),
        ("gemet", 5570),
        ("file-type", 143),
        ("frequency", 31),
        ("language", 399),
        ("covadis", 118),
    ];
    for (s, (id, count)) in shipped::ALL.iter().zip(expected) {
        let t = s.read().expect(id);
        assert_eq!((t.id.as_str(), t.concepts.len()), (id, count));
    }
    let inspire = shipped::ALL[0].read().expect("inspire");
    assert!(
        inspire
            .names()
            .contains(&"gemet - inspire themes, version 1.0".to_owned())
    );
    let lu = inspire
        .concepts
        .iter()
        .find(|c| c.uri == "http://inspire.ec.europa.eu/theme/lu")
        .expect("lu");
    assert_eq!(lu.label_in("fr"), "Usage des sols");
    let covadis = shipped::ALL[6].read().expect("covadis");
    let assainissement = covadis
        .concepts
        .iter()
        .find(|c| c.uri == "urn:moisson:thesaurus:covadis:EAU/N_ASSAINISSEMENT")
        .expect("assainissement");
    assert_eq!(
        assainissement.broader,
        vec!["urn:moisson:thesaurus:covadis:EAU"]
    );
}
