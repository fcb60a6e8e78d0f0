//! Writing ISO property values: CharacterString, Anchor, code lists, dates, nil.

use std::collections::BTreeMap;

use moisson_model::{Anchored, ResourceIdentifier};

use crate::ns::{CODELIST_BASE, LANGUAGE_CODELIST, XSI};
use crate::xml::Xml;

const NIL: [(&str, &str); 1] = [("gco:nilReason", "missing")];

/// `<prop gco:nilReason="missing"/>` for a required property without value.
pub(crate) fn nil(x: &mut Xml, prop: &str) {
    x.empty(prop, &NIL);
}

pub(crate) fn string(x: &mut Xml, prop: &str, text: &str) {
    x.with(prop, &[], |x| x.leaf("gco:CharacterString", &[], text));
}

/// A text with its translations: `gmd:PT_FreeText` beside the `gco:CharacterString`,
/// one `LocalisedCharacterString` per language, its locale `#` + `locale_id`.
pub(crate) fn free_text(
    x: &mut Xml,
    prop: &str,
    text: &str,
    translations: &BTreeMap<String, String>,
) {
    if translations.is_empty() {
        return string(x, prop, text);
    }
    x.with(prop, &FREE_TEXT_TYPE, |x| {
        x.leaf("gco:CharacterString", &[], text);
        pt_free_text(x, translations);
    });
}

/// The attributes of a property that holds translations.
const FREE_TEXT_TYPE: [(&str, &str); 2] = [
    ("xmlns:xsi", XSI),
    ("xsi:type", "gmd:PT_FreeText_PropertyType"),
];

fn pt_free_text(x: &mut Xml, translations: &BTreeMap<String, String>) {
    x.with("gmd:PT_FreeText", &[], |x| {
        for (language, translation) in translations {
            let locale = format!("#{}", locale_id(language));
            x.with("gmd:textGroup", &[], |x| {
                x.leaf(
                    "gmd:LocalisedCharacterString",
                    &[("locale", &locale)],
                    translation,
                );
            });
        }
    });
}

/// The id of the `gmd:PT_Locale` of a language.
pub(crate) fn locale_id(language: &str) -> String {
    language.to_uppercase()
}

/// Writes the property only when there is a value.
pub(crate) fn opt_string(x: &mut Xml, prop: &str, text: Option<&str>) {
    if let Some(text) = text {
        string(x, prop, text);
    }
}

/// Writes the property, nil when there is no value.
pub(crate) fn req_string(x: &mut Xml, prop: &str, text: Option<&str>) {
    match text {
        Some(text) => string(x, prop, text),
        None => nil(x, prop),
    }
}

/// gmx:Anchor when the text has a URI, else gco:CharacterString; its translations in a
/// `gmd:PT_FreeText` beside it.
pub(crate) fn anchored(x: &mut Xml, prop: &str, value: &Anchored) {
    let attrs: &[(&str, &str)] = if value.text_i18n.is_empty() {
        &[]
    } else {
        &FREE_TEXT_TYPE
    };
    x.with(prop, attrs, |x| {
        match &value.uri {
            Some(uri) => x.leaf("gmx:Anchor", &[("xlink:href", uri)], &value.text),
            None => x.leaf("gco:CharacterString", &[], &value.text),
        }
        if !value.text_i18n.is_empty() {
            pt_free_text(x, &value.text_i18n);
        }
    });
}

/// A code list value (`element` is the qualified code list element, e.g. `gmd:CI_RoleCode`);
/// nil when there is no value.
pub(crate) fn code(x: &mut Xml, prop: &str, element: &str, value: Option<&str>) {
    let Some(value) = value else {
        return nil(x, prop);
    };
    let list = element.split_once(':').map_or(element, |(_, local)| local);
    let url = format!("{CODELIST_BASE}{list}");
    x.with(prop, &[], |x| {
        x.leaf(
            element,
            &[("codeList", &url), ("codeListValue", value)],
            value,
        );
    });
}

/// A gmd:LanguageCode (ISO 639-2).
pub(crate) fn language(x: &mut Xml, prop: &str, value: &str) {
    let attrs = [("codeList", LANGUAGE_CODELIST), ("codeListValue", value)];
    x.with(prop, &[], |x| x.leaf("gmd:LanguageCode", &attrs, value));
}

/// gco:Date, or gco:DateTime when the value has a time; nil when absent.
pub(crate) fn date(x: &mut Xml, prop: &str, value: Option<&str>) {
    match value {
        Some(d) if d.contains('T') => x.with(prop, &[], |x| x.leaf("gco:DateTime", &[], d)),
        Some(d) => x.with(prop, &[], |x| x.leaf("gco:Date", &[], d)),
        None => nil(x, prop),
    }
}

/// A gmd:date holding a CI_Date.
pub(crate) fn ci_date(x: &mut Xml, date_value: Option<&str>, kind: Option<&str>) {
    if date_value.is_none() && kind.is_none() {
        return nil(x, "gmd:date");
    }
    x.with("gmd:date", &[], |x| {
        x.with("gmd:CI_Date", &[], |x| {
            date(x, "gmd:date", date_value);
            code(
                x,
                "gmd:dateType",
                "gmd:CI_DateTypeCode",
                kind.filter(|k| !k.is_empty()),
            );
        });
    });
}

/// A CI_Citation with a title and at most one date (thesaurus, specification).
pub(crate) fn citation(
    x: &mut Xml,
    title: &Anchored,
    date_value: Option<&str>,
    kind: Option<&str>,
) {
    x.with("gmd:CI_Citation", &[], |x| {
        anchored(x, "gmd:title", title);
        ci_date(x, date_value, kind);
    });
}

/// An RS_Identifier when there is a code space, else an MD_Identifier.
pub(crate) fn identifier(x: &mut Xml, id: &ResourceIdentifier, force_rs: bool) {
    let element = if force_rs || id.codespace.is_some() {
        "gmd:RS_Identifier"
    } else {
        "gmd:MD_Identifier"
    };
    x.with(element, &[], |x| {
        anchored(
            x,
            "gmd:code",
            &Anchored::with_uri(id.code.clone(), id.uri.clone()),
        );
        opt_string(x, "gmd:codeSpace", id.codespace.as_deref());
    });
}

/// A gmd:linkage with its gmd:URL.
pub(crate) fn linkage(x: &mut Xml, url: &str) {
    x.with("gmd:linkage", &[], |x| x.leaf("gmd:URL", &[], url));
}
