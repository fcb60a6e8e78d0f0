//! Translations (lan:PT_FreeText) of the record's texts, by language: each
//! `LocalisedCharacterString locale="#ID"` is keyed by the language of the document's
//! `mdb:defaultLocale` / `mdb:otherLocale` `lan:PT_Locale` with that id, else by the id
//! itself, as the ISO 19139 reader does with `gmd:locale`.

use std::collections::BTreeMap;

use moisson_model::Record;

use super::values::{child, child_code, children, objects, path};
use crate::tree::Element;

/// Reads the translations of the first identification's title and abstract, and turns
/// the locale ids of the others (keywords, constraints, lineage) into languages.
pub(crate) fn read(md: &Element, r: &mut Record) {
    let locales = locales(md);
    if let Some(ident) = objects(md, "identificationInfo").next() {
        if let Some(title) = path(ident, &["citation", "CI_Citation", "title"]) {
            r.title_i18n = translations(title, &locales);
        }
        if let Some(abstract_text) = child(ident, "abstract") {
            r.abstract_i18n = translations(abstract_text, &locales);
        }
    }
    crate::iso_read::i18n::resolve(r, &locales);
}

/// `(id, language code)` of each locale of the document.
pub(crate) fn locales(md: &Element) -> Vec<(String, String)> {
    objects(md, "defaultLocale")
        .chain(objects(md, "otherLocale"))
        .filter_map(|l| {
            let id = l.attr("", "id")?.trim().to_owned();
            Some((id, child_code(l, "language")?))
        })
        .collect()
}

/// The translations inside a property, by language.
fn translations(prop: &Element, locales: &[(String, String)]) -> BTreeMap<String, String> {
    by_locale_id(prop)
        .into_iter()
        .map(|(id, text)| {
            let language = locales
                .iter()
                .find(|(l, _)| *l == id)
                .map_or(id, |(_, language)| language.clone());
            (language, text)
        })
        .collect()
}

/// The translations inside a property, by the locale id they name (`#` removed).
pub(crate) fn by_locale_id(prop: &Element) -> BTreeMap<String, String> {
    children(prop, "PT_FreeText")
        .flat_map(|f| children(f, "textGroup"))
        .flat_map(|g| children(g, "LocalisedCharacterString"))
        .filter_map(|s| {
            let text = s.trimmed()?.to_owned();
            let id = s.attr("", "locale")?.trim().trim_start_matches('#');
            Some((id.to_owned(), text))
        })
        .collect()
}
