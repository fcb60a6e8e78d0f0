//! Writing ISO 19115-3 property values: CharacterString, Anchor, code lists, dates.

use std::collections::BTreeMap;

use moisson_model::{Anchored, ResourceIdentifier};

use crate::ns::{CODELIST_19115_3, LANGUAGE_CODELIST};
use crate::xml::Xml;

pub(crate) fn string(x: &mut Xml, prop: &str, text: &str) {
    x.with(prop, &[], |x| x.leaf("gco:CharacterString", &[], text));
}

/// A text with its translations: `lan:PT_FreeText` beside the `gco:CharacterString`, one
/// `LocalisedCharacterString` per language, its locale `#` + the id the ISO 19139 writer
/// gives that language (an `mdb:otherLocale` of the document).
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

const FREE_TEXT_TYPE: [(&str, &str); 1] = [("xsi:type", "lan:PT_FreeText_PropertyType")];

fn pt_free_text(x: &mut Xml, translations: &BTreeMap<String, String>) {
    x.with("lan:PT_FreeText", &[], |x| {
        for (language, translation) in translations {
            let locale = format!("#{}", locale_id(language));
            x.with("lan:textGroup", &[], |x| {
                x.leaf(
                    "lan:LocalisedCharacterString",
                    &[("locale", &locale)],
                    translation,
                );
            });
        }
    });
}

pub(crate) use crate::iso_write::values::locale_id;

/// Writes the property only when there is a value.
pub(crate) fn opt_string(x: &mut Xml, prop: &str, text: Option<&str>) {
    if let Some(text) = text {
        string(x, prop, text);
    }
}

/// Writes the property, nil when there is no value (a required property).
pub(crate) fn req_string(x: &mut Xml, prop: &str, text: Option<&str>) {
    match text {
        Some(text) => string(x, prop, text),
        None => x.empty(prop, &[("gco:nilReason", "missing")]),
    }
}

/// gcx:Anchor when the text has a URI, else gco:CharacterString; its translations in a
/// `lan:PT_FreeText` beside it.
pub(crate) fn anchored(x: &mut Xml, prop: &str, value: &Anchored) {
    let attrs: &[(&str, &str)] = if value.text_i18n.is_empty() {
        &[]
    } else {
        &FREE_TEXT_TYPE
    };
    x.with(prop, attrs, |x| {
        match &value.uri {
            Some(uri) => x.leaf("gcx:Anchor", &[("xlink:href", uri)], &value.text),
            None => x.leaf("gco:CharacterString", &[], &value.text),
        }
        if !value.text_i18n.is_empty() {
            pt_free_text(x, &value.text_i18n);
        }
    });
}

/// A code list value (`element` qualified, e.g. `cit:CI_RoleCode`), when there is one.
pub(crate) fn code(x: &mut Xml, prop: &str, element: &str, value: Option<&str>) {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return;
    };
    let list = element.split_once(':').map_or(element, |(_, local)| local);
    let url = format!("{CODELIST_19115_3}{list}");
    x.with(prop, &[], |x| {
        x.leaf(
            element,
            &[("codeList", &url), ("codeListValue", value)],
            value,
        );
    });
}

/// A lan:PT_Locale with its language (ISO 639-2) and, when known, its encoding and id.
pub(crate) fn locale(x: &mut Xml, prop: &str, language: Option<&str>, charset: Option<&str>) {
    locale_with_id(x, prop, None, language, charset);
}

pub(crate) fn locale_with_id(
    x: &mut Xml,
    prop: &str,
    id: Option<&str>,
    language: Option<&str>,
    charset: Option<&str>,
) {
    let attrs: Vec<(&str, &str)> = id.map(|id| ("id", id)).into_iter().collect();
    x.with(prop, &[], |x| {
        x.with("lan:PT_Locale", &attrs, |x| {
            if let Some(lang) = language {
                let attrs = [("codeList", LANGUAGE_CODELIST), ("codeListValue", lang)];
                x.with("lan:language", &[], |x| {
                    x.leaf("lan:LanguageCode", &attrs, lang)
                });
            }
            code(
                x,
                "lan:characterEncoding",
                "lan:MD_CharacterSetCode",
                charset,
            );
        });
    });
}

/// gco:Date, or gco:DateTime when the value has a time.
pub(crate) fn date(x: &mut Xml, prop: &str, value: &str) {
    let element = if value.contains('T') {
        "gco:DateTime"
    } else {
        "gco:Date"
    };
    x.with(prop, &[], |x| x.leaf(element, &[], value));
}

/// A date property holding a cit:CI_Date.
pub(crate) fn ci_date(x: &mut Xml, prop: &str, value: &str, kind: Option<&str>) {
    x.with(prop, &[], |x| {
        x.with("cit:CI_Date", &[], |x| {
            date(x, "cit:date", value);
            code(x, "cit:dateType", "cit:CI_DateTypeCode", kind);
        });
    });
}

/// A cit:CI_Citation with a title and at most one date (thesaurus, specification).
pub(crate) fn citation(x: &mut Xml, title: &Anchored, date: Option<&str>, kind: Option<&str>) {
    x.with("cit:CI_Citation", &[], |x| {
        anchored(x, "cit:title", title);
        if let Some(date) = date {
            ci_date(x, "cit:date", date, kind);
        }
    });
}

/// An mcc:MD_Identifier.
pub(crate) fn identifier(x: &mut Xml, id: &ResourceIdentifier) {
    x.with("mcc:MD_Identifier", &[], |x| {
        let code = Anchored::with_uri(id.code.clone(), id.uri.clone());
        anchored(x, "mcc:code", &code);
        opt_string(x, "mcc:codeSpace", id.codespace.as_deref());
    });
}
