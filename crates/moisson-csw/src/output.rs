//! One stored record written in the requested schema and element set.

use std::borrow::Cow;

use moisson_iso::ElementSet;
use moisson_iso::ns::DCMI_TYPE;
use moisson_model::{DocumentFormat, HierarchyLevel, Record};
use moisson_store::StoredRecord;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::Result;
use crate::request::{Elements, OutputSchema};

/// The record as an XML element (namespaces declared on it). `dcat` mints the IRIs of
/// GeoDCAT-AP records from the public URL; Atom entries link to `endpoint`.
pub(crate) fn record_xml(
    stored: &StoredRecord,
    schema: OutputSchema,
    elements: &Elements,
    dcat: &moisson_dcat::Context,
    endpoint: &str,
) -> Result<String> {
    Ok(match schema {
        OutputSchema::Gmd => original_or(stored, DocumentFormat::Iso19139)
            .unwrap_or_else(|| moisson_iso::write_iso19139_fragment(&stored.record)),
        OutputSchema::Mdb => original_or(stored, DocumentFormat::Iso19115_3)
            .unwrap_or_else(|| moisson_iso::write_iso19115_3_fragment(&stored.record)),
        OutputSchema::Csw => {
            let record = as_presented(stored);
            match elements {
                Elements::Set(set) => moisson_iso::write_csw_record_fragment(&record, *set),
                Elements::Names(names) => {
                    let full = moisson_iso::write_csw_record_fragment(&record, ElementSet::Full);
                    keep_children(&full, names)
                }
            }
        }
        // Like ISO records, always the full description: element sets do not apply.
        OutputSchema::Dcat => rdf_xml(stored, dcat)?,
        OutputSchema::Atom => crate::atom::entry(&stored.record, endpoint),
    })
}

/// The record as a csw:Record presents it. A record kept from a Dublin Core document
/// shows its type as that document did, a DCMI Type URI (`…/dcmitype/Dataset`, read as
/// the scope code `dataset`); any other record shows its scope code, as ISO AP maps
/// hierarchyLevel. `SortBy dc:type` orders by this same form (the stores'
/// `TYPE_AS_PRESENTED`).
fn as_presented(stored: &StoredRecord) -> Cow<'_, Record> {
    let from_dc = stored
        .original
        .as_ref()
        .is_some_and(|o| o.format == DocumentFormat::DublinCore);
    let name = match stored.record.hierarchy_level {
        HierarchyLevel::Dataset => "Dataset",
        HierarchyLevel::Service => "Service",
        HierarchyLevel::Software => "Software",
        _ => return Cow::Borrowed(&stored.record),
    };
    if !from_dc {
        return Cow::Borrowed(&stored.record);
    }
    let mut record = stored.record.clone();
    record.hierarchy_level = HierarchyLevel::Other(format!("{DCMI_TYPE}{name}"));
    Cow::Owned(record)
}

/// The kept original, verbatim, when it is in the requested format (an unedited record).
fn original_or(stored: &StoredRecord, format: DocumentFormat) -> Option<String> {
    stored
        .original
        .as_ref()
        .filter(|o| o.format == format)
        .and_then(moisson_iso::original_fragment)
        .map(|f| f.trim_end().to_owned())
}

/// The record's GeoDCAT-AP graph as one `rdf:RDF` element, without the XML declaration,
/// so that it can sit in `csw:SearchResults` (one document per record, as GeoNetwork
/// writes them and data.gouv.fr's csw-dcat harvester parses each child on its own).
fn rdf_xml(stored: &StoredRecord, ctx: &moisson_dcat::Context) -> Result<String> {
    let graph = moisson_dcat::record_graph(&stored.record, ctx);
    let bytes = moisson_dcat::write(&graph, moisson_dcat::Format::RdfXml)?;
    let text = String::from_utf8_lossy(&bytes);
    let body = match text.trim_start().strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, after)| after),
        None => &text,
    };
    Ok(body.trim().to_owned())
}

fn local(name: &str) -> String {
    name.rsplit(['/', ':'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The element with only the direct children whose local name is in `names`.
pub(crate) fn keep_children(xml: &str, names: &[String]) -> String {
    let wanted: Vec<String> = names.iter().map(|n| local(n)).collect();
    let mut reader = Reader::from_str(xml);
    let (mut depth, mut out) = (0usize, String::new());
    let (mut root_open_end, mut child_start, mut keep) = (0usize, 0usize, false);
    let mut root_close_start = xml.len();
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let Ok(event) = reader.read_event() else {
            return xml.to_owned();
        };
        let after = usize::try_from(reader.buffer_position()).unwrap_or(0);
        match event {
            Event::Start(e) | Event::Empty(e) if depth == 1 => {
                child_start = before;
                keep = wanted.contains(&local(&String::from_utf8_lossy(e.name().as_ref())));
                if reader_event_is_empty(xml, before, after) {
                    if keep {
                        out.push_str(&xml[child_start..after]);
                    }
                } else {
                    depth += 1;
                }
            }
            Event::Start(_) => {
                if depth == 0 {
                    root_open_end = after;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth -= 1;
                if depth == 1 && keep {
                    out.push_str(&xml[child_start..after]);
                } else if depth == 0 {
                    root_close_start = before;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    format!("{}{out}{}", &xml[..root_open_end], &xml[root_close_start..])
}

fn reader_event_is_empty(xml: &str, before: usize, after: usize) -> bool {
    xml[before..after].trim_end().ends_with("/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_named_children() {
        let xml = r#"<csw:Record xmlns:csw="c" xmlns:dc="d"><dc:identifier>a</dc:identifier><dc:title>T <b/></dc:title><dc:type/><dc:subject>s</dc:subject></csw:Record>"#;
        let kept = keep_children(xml, &["dc:title".to_owned(), "dc:type".to_owned()]);
        assert_eq!(
            kept,
            r#"<csw:Record xmlns:csw="c" xmlns:dc="d"><dc:title>T <b/></dc:title><dc:type/></csw:Record>"#
        );
    }
}
