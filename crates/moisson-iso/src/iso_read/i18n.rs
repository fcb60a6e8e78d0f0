//! Translations (gmd:PT_FreeText) of the title and abstract, by language: each
//! `LocalisedCharacterString locale="#ID"` is keyed by the language code of the
//! document's `gmd:locale/gmd:PT_Locale` with that id, else by the id itself.

use std::collections::BTreeMap;

use moisson_model::Record;

use super::values::code;
use crate::ns::GMD;
use crate::tree::Element;

/// Reads the translations of the first identification's title and abstract.
pub(crate) fn read(md: &Element, r: &mut Record) {
    let Some(ident) = md
        .children(GMD, "identificationInfo")
        .find_map(Element::first)
    else {
        return;
    };
    let locales = locales(md);
    if let Some(title) = ident.path(GMD, &["citation", "CI_Citation", "title"]) {
        r.title_i18n = translations(title, &locales);
    }
    if let Some(abstract_text) = ident.child(GMD, "abstract") {
        r.abstract_i18n = translations(abstract_text, &locales);
    }
}

/// `(id, language code)` of each `gmd:locale` of the document.
pub(crate) fn locales(md: &Element) -> Vec<(String, String)> {
    md.children(GMD, "locale")
        .filter_map(|l| l.child(GMD, "PT_Locale"))
        .filter_map(|l| {
            let id = l.attr("", "id")?.trim().to_owned();
            let language = l.child(GMD, "languageCode").and_then(code)?;
            Some((id, language))
        })
        .collect()
}

/// The translations inside a property, by language.
fn translations(prop: &Element, locales: &[(String, String)]) -> BTreeMap<String, String> {
    prop.children(GMD, "PT_FreeText")
        .flat_map(|f| f.children(GMD, "textGroup"))
        .flat_map(|g| g.children(GMD, "LocalisedCharacterString"))
        .filter_map(|s| {
            let text = s.trimmed()?.to_owned();
            let id = s.attr("", "locale")?.trim().trim_start_matches('#');
            let language = locales
                .iter()
                .find(|(l, _)| l == id)
                .map_or(id, |(_, language)| language.as_str());
            Some((language.to_owned(), text))
        })
        .collect()
}
