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
