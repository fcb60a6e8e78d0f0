//! Translations (gmd:PT_FreeText) in the record: read by language, written back, and an
//! edit of one language merged into the original without touching the others.

use moisson_iso::{merge_iso19139, read, write_iso19139};

use crate::samples::data_dir;

const SAMPLE: &str = "iso19139/semic_multilingual-resource-description_input.xml";
const ENGLISH_TITLE: &str = "3D hydrodynamic model for the evolution of the ocean";

#[test]
fn translations_are_read_by_language_and_written_back() {
    let bytes = std::fs::read(data_dir().join(SAMPLE)).expect("sample");
    let record = read(&bytes).expect("reads").remove(0).record;
    assert_eq!(
        record.title_i18n.get("eng").map(String::as_str),
        Some(ENGLISH_TITLE)
    );
    assert!(
        record.abstract_i18n.contains_key("eng"),
        "{:?}",
        record.abstract_i18n
    );
    let again = read(write_iso19139(&record).as_bytes())
        .expect("written")
        .remove(0)
        .record;
    assert_eq!(again.title_i18n, record.title_i18n);
    assert_eq!(again.abstract_i18n, record.abstract_i18n);
}

#[test]
fn editing_the_english_title_keeps_the_french_one() {
    let bytes = std::fs::read(data_dir().join(SAMPLE)).expect("sample");
    let old = read(&bytes).expect("reads").remove(0).record;
    let mut new = old.clone();
    new.title_i18n
        .insert("eng".to_owned(), "3D ocean model".to_owned());
    let merged =
        String::from_utf8(merge_iso19139(&bytes, &old, &new).expect("merges")).expect("UTF-8");
    let original = String::from_utf8(bytes).expect("UTF-8");
    assert!(merged.contains(
        r##"<gmd:LocalisedCharacterString locale="#EN">3D ocean model</gmd:LocalisedCharacterString>"##
    ));
    assert!(!merged.contains(ENGLISH_TITLE));
    let french = "<gco:CharacterString>Modèle hydrodynamique 3D d'évolution de l'océan</gco:CharacterString>";
    assert!(merged.contains(french));
    let changed = original
        .lines()
        .zip(merged.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1);
    let back = read(merged.as_bytes()).expect("reads").remove(0).record;
    assert_eq!(back.title, old.title);
    assert_eq!(back.title_i18n, new.title_i18n);
}

const TRANSLATED: &str = "lossless/moisson_dataset_translated.xml";

fn translated() -> (Vec<u8>, moisson_model::Record) {
    let bytes = std::fs::read(data_dir().join(TRANSLATED)).expect("sample");
    let record = read(&bytes).expect("reads").remove(0).record;
    (bytes, record)
}

#[test]
fn keywords_constraints_and_lineage_carry_their_translations() {
    let (_, record) = translated();
    let hydro = &record.keywords[0].keywords[0];
    assert_eq!(hydro.text, "Hydrographie");
    assert_eq!(
        hydro.uri.as_deref(),
        Some("http://inspire.ec.europa.eu/theme/hy")
    );
    assert_eq!(hydro.text_i18n["eng"], "Hydrography");
    let thesaurus = record.keywords[0].thesaurus.as_ref().expect("thesaurus");
    assert_eq!(
        thesaurus.title.text_i18n["eng"],
        "GEMET - INSPIRE themes, version 1.0"
    );
    assert_eq!(record.keywords[1].keywords[1].text_i18n["eng"], "river");
    let access = &record.constraints[0].other_constraints[0];
    assert_eq!(access.text_i18n["eng"], "No limitations to public access");
    let limitation = &record.constraints[1].use_limitations[0];
    assert_eq!(limitation.text_i18n["eng"], "Not fit for cadastral use");
    assert_eq!(
        record.lineage_i18n["eng"],
        "Digitised on the 2024 orthophotography, checked in the field."
    );
    let again = read(write_iso19139(&record).as_bytes())
        .expect("written")
        .remove(0)
        .record;
    assert_eq!(again, record);
}

/// Edits the English of a keyword, a constraint and the lineage: the French texts and
/// every line but those three stay as written.
#[test]
fn editing_english_keywords_constraints_and_lineage_keeps_the_french() {
    let (bytes, old) = translated();
    let mut new = old.clone();
    let english = |a: &mut moisson_model::Anchored, text: &str| {
        a.text_i18n.insert("eng".to_owned(), text.to_owned());
    };
    english(&mut new.keywords[1].keywords[1], "stream");
    english(
        &mut new.constraints[0].other_constraints[0],
        "No limitation on public access",
    );
    new.lineage_i18n
        .insert("eng".to_owned(), "Digitised in 2024.".to_owned());
    let merged =
        String::from_utf8(merge_iso19139(&bytes, &old, &new).expect("merges")).expect("UTF-8");
    let original = String::from_utf8(bytes).expect("UTF-8");
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(merged.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(original.lines().count(), merged.lines().count());
    assert_eq!(changed.len(), 3, "{changed:?}");
    for french in [
        "rivière",
        "Pas de restriction d'accès public",
        "Numérisé sur",
    ] {
        assert!(merged.contains(french), "{french}");
    }
    let back = read(merged.as_bytes()).expect("reads").remove(0).record;
    assert_eq!(back, new);
}

#[test]
fn a_title_edit_keeps_its_translations() {
    let (bytes, old) = crate::merge::sample("semic_multilingual-resource-description_input.xml");
    let mut new = old.clone();
    new.title = "Modèle hydrodynamique 3D, corrigé".to_owned();
    let merged =
        String::from_utf8(merge_iso19139(&bytes, &old, &new).expect("merges")).expect("UTF-8");
    assert!(
        merged.contains(
            "<gco:CharacterString>Modèle hydrodynamique 3D, corrigé</gco:CharacterString>"
        )
    );
    assert!(merged.contains(
        r##"<gmd:LocalisedCharacterString locale="#EN">3D hydrodynamic model for the evolution of the ocean</gmd:LocalisedCharacterString>"##
    ));
    assert!(merged.contains(r#"<gmd:title xsi:type="gmd:PT_FreeText_PropertyType">"#));
    assert_eq!(
        read(merged.as_bytes()).expect("reads")[0].record.title,
        new.title
    );
}
