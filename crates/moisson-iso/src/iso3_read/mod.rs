//! ISO 19115-3 (`mdb:MD_Metadata`, as GeoNetwork 4 writes it) → record: the metadata
//! entity; the parts live in the sibling modules. Shares value and GML helpers with
//! `iso_read` (ISO 19139), whose model it fills the same way.

mod contact;
mod distribution;
mod extent;
pub(crate) mod i18n;
mod identification;
pub(crate) mod values;

use moisson_model::{HierarchyLevel, MetadataInfo, Record, RecordId};

use crate::ns::MDB;
use crate::tree::Element;
use values::{child, child_code, child_string, ci_date, identifier, objects, path, string};

/// Whether an element is a 19115-3 metadata root.
pub(crate) fn is_root(el: &Element) -> bool {
    el.is(MDB, "MD_Metadata")
}

/// Maps an mdb:MD_Metadata to a record.
pub(crate) fn record(md: &Element, warnings: &mut Vec<String>) -> Record {
    let locale = path(md, &["defaultLocale", "PT_Locale"]);
    let standard = path(md, &["metadataStandard", "CI_Citation"]);
    let mut r = Record {
        id: metadata_identifier(md, warnings),
        parent_id: parent(md),
        metadata: MetadataInfo {
            language: locale.and_then(|l| child_code(l, "language")),
            charset: locale.and_then(|l| child_code(l, "characterEncoding")),
            date_stamp: date_stamp(md),
            standard_name: standard.and_then(|c| child_string(c, "title")),
            standard_version: standard.and_then(|c| child_string(c, "edition")),
        },
        hierarchy_level: objects(md, "metadataScope")
            .find_map(|s| child_code(s, "resourceScope"))
            .map(|h| HierarchyLevel::parse(&h))
            .unwrap_or_default(),
        metadata_contacts: objects(md, "contact").filter_map(contact::party).collect(),
        reference_systems: objects(md, "referenceSystemInfo")
            .filter_map(|rs| child(rs, "referenceSystemIdentifier"))
            .filter_map(Element::first)
            .filter_map(identifier)
            .collect(),
        ..Record::default()
    };
    let statement = objects(md, "resourceLineage").find_map(|l| {
        let statement = child(l, "statement")?;
        Some((string(statement)?, statement))
    });
    if let Some((text, statement)) = statement {
        r.lineage = Some(text);
        // By locale id; `i18n::read` turns them into languages.
        r.lineage_i18n = i18n::by_locale_id(statement);
    }
    let mut idents = objects(md, "identificationInfo");
    if let Some(ident) = idents.next() {
        identification::read(ident, &mut r, warnings);
    }
    if idents.next().is_some() {
        warnings.push("more than one identificationInfo: only the first is read".to_owned());
    }
    for dist in objects(md, "distributionInfo") {
        distribution::read(dist, &mut r);
    }
    for dq in objects(md, "dataQualityInfo") {
        distribution::read_quality(dq, &mut r);
    }
    i18n::read(md, &mut r);
    r
}

fn metadata_identifier(md: &Element, warnings: &mut Vec<String>) -> Option<RecordId> {
    let text = objects(md, "metadataIdentifier").find_map(identifier)?.code;
    match RecordId::parse(text.as_str()) {
        Ok(id) => Some(id),
        Err(e) => {
            warnings.push(format!("metadataIdentifier {text:?} refused ({e})"));
            None
        }
    }
}

/// mdb:parentMetadata: a `uuidref`, else the identifier of its citation.
fn parent(md: &Element) -> Option<String> {
    let prop = child(md, "parentMetadata")?;
    let uuidref = prop
        .attr("", "uuidref")
        .map(str::trim)
        .filter(|u| !u.is_empty());
    uuidref.map(str::to_owned).or_else(|| {
        let citation = prop.first()?;
        objects(citation, "identifier")
            .find_map(identifier)
            .map(|i| i.code)
    })
}

/// The metadata's date stamp: its revision date, else its creation, else its first date.
fn date_stamp(md: &Element) -> Option<String> {
    let dates: Vec<_> = values::children(md, "dateInfo")
        .filter_map(ci_date)
        .collect();
    ["revision", "creation"]
        .iter()
        .find_map(|kind| dates.iter().find(|d| d.kind == *kind))
        .or(dates.first())
        .map(|d| d.date.clone())
}
