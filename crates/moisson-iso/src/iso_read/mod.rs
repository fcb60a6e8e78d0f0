//! ISO 19139 → record: the metadata entity; the parts live in the sibling modules.

mod contact;
mod distribution;
pub(crate) mod extent;
pub(crate) mod i18n;
mod identification;
mod service;
pub(crate) mod values;

use moisson_model::{HierarchyLevel, MetadataInfo, Record, RecordId};

use crate::ns::GMD;
use crate::tree::Element;
use values::{child_code, child_string, date, identifier};

/// Maps an MD_Metadata (or MI_Metadata, or a profile root) to a record.
pub(crate) fn record(md: &Element, warnings: &mut Vec<String>) -> Record {
    let mut r = Record {
        id: file_identifier(md, warnings),
        parent_id: child_string(md, "parentIdentifier"),
        metadata: MetadataInfo {
            language: child_code(md, "language"),
            charset: child_code(md, "characterSet"),
            date_stamp: md.child(GMD, "dateStamp").and_then(date),
            standard_name: child_string(md, "metadataStandardName"),
            standard_version: child_string(md, "metadataStandardVersion"),
        },
        hierarchy_level: child_code(md, "hierarchyLevel")
            .map(|h| HierarchyLevel::parse(&h))
            .unwrap_or_default(),
        metadata_contacts: md
            .children(GMD, "contact")
            .filter_map(contact::party)
            .collect(),
        reference_systems: md
            .children(GMD, "referenceSystemInfo")
            .filter_map(|p| p.first())
            .filter_map(|rs| rs.child(GMD, "referenceSystemIdentifier"))
            .filter_map(Element::first)
            .filter_map(identifier)
            .collect(),
        ..Record::default()
    };
    let mut idents = md
        .children(GMD, "identificationInfo")
        .filter_map(Element::first);
    if let Some(ident) = idents.next() {
        identification::read(ident, &mut r, warnings);
    }
    if idents.next().is_some() {
        warnings.push("more than one identificationInfo: only the first is read".to_owned());
    }
    for dist in md
        .children(GMD, "distributionInfo")
        .filter_map(Element::first)
    {
        distribution::read(dist, &mut r);
    }
    for dq in md
        .children(GMD, "dataQualityInfo")
        .filter_map(Element::first)
    {
        distribution::read_quality(dq, &mut r);
    }
    i18n::read(md, &mut r);
    r
}

fn file_identifier(md: &Element, warnings: &mut Vec<String>) -> Option<RecordId> {
    let text = child_string(md, "fileIdentifier")?;
    match RecordId::parse(text.as_str()) {
        Ok(id) => Some(id),
        Err(e) => {
            warnings.push(format!("fileIdentifier {text:?} refused ({e})"));
            None
        }
    }
}
