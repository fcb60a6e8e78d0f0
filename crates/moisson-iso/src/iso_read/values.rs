//! Reading ISO property values: CharacterString, Anchor, PT_FreeText, code lists, dates.

use moisson_model::{Anchored, ResourceIdentifier};

use crate::ns::{GCO, GMD, GMX, XLINK};
use crate::tree::Element;

/// The text of a property (gmd:title …): gco:CharacterString, gmx:Anchor, any other
/// value element, or the first localised string of a bare PT_FreeText. Trimmed.
pub(crate) fn string(prop: &Element) -> Option<String> {
    let direct = prop
        .child(GCO, "CharacterString")
        .or_else(|| prop.child(GMX, "Anchor"))
        .or_else(|| prop.children.iter().find(|c| !c.is(GMD, "PT_FreeText")));
    if let Some(value) = direct.and_then(value_text) {
        return Some(value);
    }
    prop.child(GMD, "PT_FreeText")
        .and_then(|f| f.children(GMD, "textGroup").next())
        .and_then(|g| g.child(GMD, "LocalisedCharacterString"))
        .and_then(value_text)
}

/// The trimmed text of a value element, else its codeListValue.
pub(crate) fn value_text(el: &Element) -> Option<String> {
    el.trimmed()
        .or_else(|| {
            el.attr("", "codeListValue")
                .map(str::trim)
                .filter(|v| !v.is_empty())
        })
        .map(str::to_owned)
}

/// A text that may be a gmx:Anchor with an xlink:href, with its translations keyed by
/// locale id (`super::i18n` turns them into languages).
pub(crate) fn anchored(prop: &Element) -> Option<Anchored> {
    let mut value = if let Some(anchor) = prop.child(GMX, "Anchor") {
        let uri = anchor
            .attr(XLINK, "href")
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let text = anchor.trimmed().unwrap_or_default();
        if text.is_empty() && uri.is_none() {
            return None;
        }
        Anchored::with_uri(text, uri.map(str::to_owned))
    } else {
        string(prop).map(Anchored::text)?
    };
    super::i18n::of(&mut value, prop);
    Some(value)
}

/// A code list value: the codeListValue attribute, else the element text.
pub(crate) fn code(prop: &Element) -> Option<String> {
    let el = prop.first()?;
    el.attr("", "codeListValue")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .or_else(|| el.trimmed())
        .map(str::to_owned)
}

/// gco:Date or gco:DateTime inside a property.
pub(crate) fn date(prop: &Element) -> Option<String> {
    prop.child(GCO, "Date")
        .or_else(|| prop.child(GCO, "DateTime"))
        .and_then(Element::trimmed)
        .map(str::to_owned)
}

/// The text of a named gmd child property.
pub(crate) fn child_string(el: &Element, local: &str) -> Option<String> {
    el.child(GMD, local).and_then(string)
}

/// The code of a named gmd child property.
pub(crate) fn child_code(el: &Element, local: &str) -> Option<String> {
    el.child(GMD, local).and_then(code)
}

/// Every text of a repeated gmd child property.
pub(crate) fn child_strings(el: &Element, local: &str) -> Vec<String> {
    el.children(GMD, local).filter_map(string).collect()
}

/// An MD_Identifier / RS_Identifier (code may be an Anchor).
pub(crate) fn identifier(el: &Element) -> Option<ResourceIdentifier> {
    let code = el.child(GMD, "code").and_then(anchored)?;
    Some(ResourceIdentifier {
        code: code.text,
        codespace: child_string(el, "codeSpace"),
        uri: code.uri,
    })
}

/// The URL of a CI_OnlineResource linkage (gmd:URL).
pub(crate) fn linkage(resource: &Element) -> Option<String> {
    resource
        .child(GMD, "linkage")
        .and_then(|l| l.child(GMD, "URL"))
        .map(|u| u.text.trim().to_owned())
}
