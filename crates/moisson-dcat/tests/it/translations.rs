//! Translations (issue 21): a record's `title_i18n`, `abstract_i18n`, keyword, rights and
//! lineage translations are DCAT literals tagged with their language, next to the texts
//! in the record's own language, never two of one language on one property.

use std::collections::BTreeSet;
use std::path::Path;

use moisson_dcat::vocab::{dcat, dct, rdfs};
use moisson_dcat::{Context, Format, parse, record_graph};
use oxrdf::{Graph, NamedNodeRef, TermRef};

use crate::fixtures::PUBLIC_URL;

fn graph_of(path: &str) -> Graph {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(path);
    let bytes = std::fs::read(&path).expect("sample");
    let record = moisson_iso::read(&bytes).expect("reads").remove(0).record;
    record_graph(&record, &Context::new(PUBLIC_URL))
}

/// Every `(language, text)` of the literals of a predicate.
fn tagged(graph: &Graph, p: NamedNodeRef<'_>) -> BTreeSet<(String, String)> {
    graph
        .triples_for_predicate(p)
        .filter_map(|t| match t.object {
            TermRef::Literal(l) => Some((
                l.language().unwrap_or_default().to_owned(),
                l.value().to_owned(),
            )),
            _ => None,
        })
        .collect()
}

fn pair(language: &str, text: &str) -> (String, String) {
    (language.to_owned(), text.to_owned())
}

#[test]
fn translations_are_literals_tagged_with_their_language() {
    let graph = graph_of("lossless/moisson_dataset_translated.xml");
    let titles = tagged(&graph, dct::TITLE);
    assert!(titles.contains(&pair("fr", "Cours d'eau de la métropole")));
    assert!(titles.contains(&pair("en", "Watercourses of the metropolis")));
    let keywords = tagged(&graph, dcat::KEYWORD);
    assert!(keywords.contains(&pair("fr", "rivière")), "{keywords:?}");
    assert!(keywords.contains(&pair("en", "river")), "{keywords:?}");
    let descriptions = tagged(&graph, dct::DESCRIPTION);
    let lineage = "Digitised on the 2024 orthophotography, checked in the field.";
    assert!(
        descriptions.contains(&pair("en", lineage)),
        "{descriptions:?}"
    );
    let labels = tagged(&graph, rdfs::LABEL);
    assert!(
        labels.contains(&pair("en", "Not fit for cadastral use")),
        "{labels:?}"
    );
    // One text per language on each subject's title.
    for subject in graph.triples_for_predicate(dct::TITLE).map(|t| t.subject) {
        let languages: Vec<String> = graph
            .objects_for_subject_predicate(subject, dct::TITLE)
            .filter_map(|o| match o {
                TermRef::Literal(l) => Some(l.language().unwrap_or_default().to_owned()),
                _ => None,
            })
            .collect();
        let distinct: BTreeSet<&String> = languages.iter().collect();
        assert_eq!(distinct.len(), languages.len(), "{subject}: {languages:?}");
    }
}

/// SEMIC's reference output of its multilingual sample tags the English title and
/// abstract `@en` beside the French: so does Moisson's.
#[test]
fn the_semic_multilingual_titles_and_descriptions_are_all_there() {
    let ours = graph_of("iso19139/semic_multilingual-resource-description_input.xml");
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../tests/data/dcat/semic/semic_multilingual-resource-description_expected_output.ttl",
    );
    let expected = parse(
        &std::fs::read(expected_path).expect("expected"),
        Format::Turtle,
    )
    .expect("parses");
    for p in [dct::TITLE, dct::DESCRIPTION] {
        let want: BTreeSet<(String, String)> = tagged(&expected, p)
            .into_iter()
            .filter(|(_, text)| text.starts_with("3D hydro") || text.starts_with("Shom uses"))
            .collect();
        assert!(!want.is_empty());
        let got = tagged(&ours, p);
        let missing: Vec<_> = want.difference(&got).collect();
        assert!(missing.is_empty(), "{p}: missing {missing:?}");
    }
}
