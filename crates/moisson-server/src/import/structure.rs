//! What the ISO XML schemas would refuse in a record, found on the record as read: no XSD
//! validator exists in pure Rust (libxml2 would bring C into the binary), so `moisson
//! import` checks the elements the schemas require among those the model maps (the
//! tests check the same documents with xmllint). Reported per record; `--strict`
//! refuses the record.

use moisson_iso::ParsedRecord;
use moisson_model::DocumentFormat;

/// The schema problems of a record read from an ISO document; none for Dublin Core.
pub fn problems(parsed: &ParsedRecord) -> Vec<String> {
    let format = parsed.original.as_ref().map(|o| o.format);
    let iso19139 = match format {
        Some(DocumentFormat::Iso19139) => true,
        Some(DocumentFormat::Iso19115_3) => false,
        Some(DocumentFormat::DublinCore | DocumentFormat::Fgdc) | None => return Vec::new(),
    };
    let (id_element, stamp_element) = if iso19139 {
        ("gmd:fileIdentifier", "gmd:dateStamp")
    } else {
        ("mdb:metadataIdentifier", "mdb:dateInfo")
    };
    let r = &parsed.record;
    let derived = parsed
        .warnings
        .iter()
        .any(|w| w.starts_with("no usable identifier"));
    let mut out = Vec::new();
    let mut require = |missing: bool, what: &str| {
        if missing {
            out.push(format!("no {what}"));
        }
    };
    require(derived, id_element);
    require(
        r.metadata_contacts.is_empty(),
        "metadata contact (required)",
    );
    require(
        r.metadata.date_stamp.is_none(),
        &format!("{stamp_element} (required)"),
    );
    require(r.title.trim().is_empty(), "citation title (required)");
    require(r.abstract_text.trim().is_empty(), "abstract (required)");
    if iso19139 {
        require(
            r.dates.is_empty(),
            "citation date (gmd:CI_Citation/gmd:date is required)",
        );
        require(
            r.service.is_none() && r.resource_languages.is_empty(),
            "resource language (gmd:MD_DataIdentification/gmd:language is required)",
        );
    }
    out
}
