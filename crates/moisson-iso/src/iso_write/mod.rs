//! Record → ISO 19139 gmd:MD_Metadata (2007 schemas, GML 3.2), elements in schema order.

mod contact;
mod distribution;
mod extent;
mod identification;
mod service;
pub(crate) mod values;

use moisson_model::Record;

use crate::ns::{GCO, GMD, GML32, GMX, SRV, XLINK};
use crate::xml::Xml;
use values::{code, date, identifier, language, locale_id, nil, opt_string};

/// Writes the gmd:MD_Metadata element with its namespace declarations.
pub(crate) fn write(r: &Record) -> String {
    let mut x = Xml::new();
    let namespaces = [
        ("xmlns:gmd", GMD),
        ("xmlns:gco", GCO),
        ("xmlns:gmx", GMX),
        ("xmlns:srv", SRV),
        ("xmlns:gml", GML32),
        ("xmlns:xlink", XLINK),
    ];
    x.with("gmd:MD_Metadata", &namespaces, |x| metadata(x, r));
    x.finish()
}

fn metadata(x: &mut Xml, r: &Record) {
    opt_string(
        x,
        "gmd:fileIdentifier",
        r.id.as_ref().map(moisson_model::RecordId::as_str),
    );
    if let Some(lang) = &r.metadata.language {
        language(x, "gmd:language", lang);
    }
    if let Some(charset) = &r.metadata.charset {
        code(
            x,
            "gmd:characterSet",
            "gmd:MD_CharacterSetCode",
            Some(charset),
        );
    }
    opt_string(x, "gmd:parentIdentifier", r.parent_id.as_deref());
    code(
        x,
        "gmd:hierarchyLevel",
        "gmd:MD_ScopeCode",
        Some(r.hierarchy_level.as_str()),
    );
    if r.metadata_contacts.is_empty() {
        nil(x, "gmd:contact");
    }
    for c in &r.metadata_contacts {
        contact::party(x, "gmd:contact", c);
    }
    date(x, "gmd:dateStamp", r.metadata.date_stamp.as_deref());
    opt_string(
        x,
        "gmd:metadataStandardName",
        r.metadata.standard_name.as_deref(),
    );
    opt_string(
        x,
        "gmd:metadataStandardVersion",
        r.metadata.standard_version.as_deref(),
    );
    locales(x, r);
    for rs in &r.reference_systems {
        x.with("gmd:referenceSystemInfo", &[], |x| {
            x.with("gmd:MD_ReferenceSystem", &[], |x| {
                x.with("gmd:referenceSystemIdentifier", &[], |x| {
                    identifier(x, rs, true);
                });
            });
        });
    }
    x.with("gmd:identificationInfo", &[], |x| {
        identification::write(x, r);
    });
    distribution::write(x, r);
    distribution::write_quality(x, r);
}

/// A gmd:PT_Locale for each language the translations use (title, abstract, lineage,
/// keywords, constraints).
fn locales(x: &mut Xml, r: &Record) {
    for lang in r.translation_languages() {
        x.with("gmd:locale", &[], |x| {
            x.with("gmd:PT_Locale", &[("id", &locale_id(lang))], |x| {
                language(x, "gmd:languageCode", lang);
                code(
                    x,
                    "gmd:characterEncoding",
                    "gmd:MD_CharacterSetCode",
                    Some("utf8"),
                );
            });
        });
    }
}
