//! Reading ISO 19115-3 property values. Its classes are spread over a dozen namespaces
//! (cit, mri, gex, mcc, lan, gco …) whose versions move (srv 2.0 and 2.1, mdq 1.0 …), while
//! their local names do not, so elements are matched by local name inside the record.

use moisson_model::{Anchored, ResourceDate, ResourceIdentifier};

use crate::iso_read::values::{code, value_text};
use crate::ns::XLINK;
use crate::tree::Element;

/// The first child element with this local name.
pub(crate) fn child<'a>(el: &'a Element, local: &str) -> Option<&'a Element> {
    el.children.iter().find(|c| c.local == local)
}

/// Every child element with this local name.
pub(crate) fn children<'a>(el: &'a Element, local: &'a str) -> impl Iterator<Item = &'a Element> {
    el.children.iter().filter(move |c| c.local == local)
}

/// Follows local names, taking the first match at each step.
pub(crate) fn path<'a>(el: &'a Element, steps: &[&str]) -> Option<&'a Element> {
    steps.iter().try_fold(el, |el, step| child(el, step))
}

/// The objects inside every property with this local name (`mri:pointOfContact` →
/// `cit:CI_Responsibility`).
pub(crate) fn objects<'a>(el: &'a Element, local: &'a str) -> impl Iterator<Item = &'a Element> {
    children(el, local).filter_map(Element::first)
}

/// The text of a property: gco:CharacterString, gcx:Anchor or any other value element,
/// else the first localised string of a bare lan:PT_FreeText. Trimmed.
pub(crate) fn string(prop: &Element) -> Option<String> {
    let direct = prop.children.iter().find(|c| c.local != "PT_FreeText");
    if let Some(value) = direct.and_then(value_text) {
        return Some(value);
    }
    path(
        prop,
        &["PT_FreeText", "textGroup", "LocalisedCharacterString"],
    )
    .and_then(value_text)
}

/// The text of a named child property.
pub(crate) fn child_string(el: &Element, local: &str) -> Option<String> {
    child(el, local).and_then(string)
}

/// Every text of a repeated child property.
pub(crate) fn child_strings(el: &Element, local: &str) -> Vec<String> {
    children(el, local).filter_map(string).collect()
}

/// The code of a named child property.
pub(crate) fn child_code(el: &Element, local: &str) -> Option<String> {
    child(el, local).and_then(code)
}

/// A text that may be a gcx:Anchor with an xlink:href, with its translations keyed by
/// locale id (`super::i18n` turns them into languages).
pub(crate) fn anchored(prop: &Element) -> Option<Anchored> {
    let mut value = plain_or_anchor(prop)?;
    value.text_i18n = super::i18n::by_locale_id(prop);
    Some(value)
}

fn plain_or_anchor(prop: &Element) -> Option<Anchored> {
    let Some(anchor) = child(prop, "Anchor") else {
        return string(prop).map(Anchored::text);
    };
    let uri = anchor
        .attr(XLINK, "href")
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let text = anchor.trimmed().unwrap_or_default();
    if text.is_empty() && uri.is_none() {
        return None;
    }
    Some(Anchored::with_uri(text, uri.map(str::to_owned)))
}

/// gco:Date or gco:DateTime inside a property.
pub(crate) fn date(prop: &Element) -> Option<String> {
    child(prop, "Date")
        .or_else(|| child(prop, "DateTime"))
        .and_then(Element::trimmed)
        .map(str::to_owned)
}

/// A cit:CI_Date inside a date property.
pub(crate) fn ci_date(prop: &Element) -> Option<ResourceDate> {
    let d = child(prop, "CI_Date")?;
    Some(ResourceDate {
        kind: child_code(d, "dateType").unwrap_or_default(),
        date: child(d, "date").and_then(date)?,
    })
}

/// An mcc:MD_Identifier (code may be an Anchor).
pub(crate) fn identifier(el: &Element) -> Option<ResourceIdentifier> {
    let code = child(el, "code").and_then(anchored)?;
    Some(ResourceIdentifier {
        code: code.text,
        codespace: child_string(el, "codeSpace"),
        uri: code.uri,
    })
}

/// The URL of a cit:CI_OnlineResource (a CharacterString in 19115-3, not a gmd:URL);
/// empty when the linkage is, as the ISO 19139 reader does.
pub(crate) fn linkage(resource: &Element) -> Option<String> {
    child(resource, "linkage").map(|l| string(l).unwrap_or_default())
}
