//! Translations (gmd:PT_FreeText) of the record's texts, by language: each
//! `LocalisedCharacterString locale="#ID"` is keyed by the language code of the
//! document's `gmd:locale/gmd:PT_Locale` with that id, else by the id itself.
//!
//! Texts read deep in the document (keywords, constraints, lineage) are read with their
//! locale ids (`by_locale_id`), and `resolve` turns those ids into languages once the
//! whole record is read, so that no reader needs the document's locales at hand.

use std::collections::BTreeMap;

use moisson_model::{Anchored, Record};

use super::values::code;
use crate::ns::GMD;
use crate::tree::Element;

/// Reads the translations of the first identification's title and abstract, and turns
/// the locale ids of the other translations into languages.
pub(crate) fn read(md: &Element, r: &mut Record) {
    let locales = locales(md);
    if let Some(ident) = md
        .children(GMD, "identificationInfo")
        .find_map(Element::first)
    {
        if let Some(title) = ident.path(GMD, &["citation", "CI_Citation", "title"]) {
            r.title_i18n = translations(title, &locales);
        }
        if let Some(abstract_text) = ident.child(GMD, "abstract") {
            r.abstract_i18n = translations(abstract_text, &locales);
        }
    }
    resolve(r, &locales);
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
    by_locale_id(prop)
        .into_iter()
        .map(|(id, text)| (language_of(&id, locales).to_owned(), text))
        .collect()
}

/// The translations inside a property, by the locale id they name (`#` removed).
pub(crate) fn by_locale_id(prop: &Element) -> BTreeMap<String, String> {
    prop.children(GMD, "PT_FreeText")
        .flat_map(|f| f.children(GMD, "textGroup"))
        .flat_map(|g| g.children(GMD, "LocalisedCharacterString"))
        .filter_map(|s| {
            let text = s.trimmed()?.to_owned();
            let id = s.attr("", "locale")?.trim().trim_start_matches('#');
            Some((id.to_owned(), text))
        })
        .collect()
}

fn language_of<'a>(id: &'a str, locales: &'a [(String, String)]) -> &'a str {
    locales
        .iter()
        .find(|(l, _)| l == id)
        .map_or(id, |(_, language)| language.as_str())
}

/// The translations read by locale id (keywords, thesaurus titles, constraints,
/// lineage) keyed by language instead.
pub(crate) fn resolve(r: &mut Record, locales: &[(String, String)]) {
    let by_language = |map: &mut BTreeMap<String, String>| {
        *map = std::mem::take(map)
            .into_iter()
            .map(|(id, text)| (language_of(&id, locales).to_owned(), text))
            .collect();
    };
    by_language(&mut r.lineage_i18n);
    let keywords = r.keywords.iter_mut().flat_map(|g| {
        g.keywords
            .iter_mut()
            .chain(g.thesaurus.iter_mut().map(|t| &mut t.title))
    });
    let constraints = r.constraints.iter_mut().flat_map(|c| {
        c.use_limitations
            .iter_mut()
            .chain(c.other_constraints.iter_mut())
    });
    let specifications = r.conformity.iter_mut().map(|c| &mut c.specification);
    let formats = r.formats.iter_mut().map(|f| &mut f.name);
    for text in keywords
        .chain(constraints)
        .chain(specifications)
        .chain(formats)
    {
        by_language(&mut text.text_i18n);
    }
}

/// `Anchored::text_i18n` of a text read by locale id: empty when it has none.
pub(crate) fn of(anchored: &mut Anchored, prop: &Element) {
    anchored.text_i18n = by_locale_id(prop);
}
