//! DescribeRecord: the XML Schema of csw:Record and of gmd:MD_Metadata.

use moisson_iso::ns::{CSW, GMD, XSI};

use crate::request::{DescribeRecord, TypeName};
use crate::write::{Xml, ns};

const CSW_RECORD_XSD: &str = include_str!("../schemas/csw-record.xsd");
const GMD_METADATA_XSD: &str = include_str!("../schemas/gmd-metadataEntity.xsd");

/// Schema text without its XML declaration.
fn body(xsd: &str) -> &str {
    xsd.find("?>").map_or(xsd, |i| &xsd[i + 2..]).trim()
}

#[must_use]
pub fn describe_record(r: &DescribeRecord) -> String {
    let types = r
        .type_names
        .clone()
        .unwrap_or_else(|| vec![TypeName::Record, TypeName::MdMetadata]);
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
    ];
    x.with("csw:DescribeRecordResponse", &root, |x| {
        for t in types {
            let (target, xsd) = match t {
                TypeName::Record => (CSW, CSW_RECORD_XSD),
                TypeName::MdMetadata => (GMD, GMD_METADATA_XSD),
            };
            let attrs = [
                ("schemaLanguage", "http://www.w3.org/XML/Schema"),
                ("targetNamespace", target),
            ];
            x.with("csw:SchemaComponent", &attrs, |x| x.raw(body(xsd)));
        }
    });
    x.finish()
}
