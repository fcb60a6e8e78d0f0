//! `outputSchema=http://www.w3.org/2005/Atom`: each record as an `atom:entry` (RFC 4287)
//! with its box as GeoRSS GML, the form pycsw writes and feed readers take.

use moisson_iso::ns::{DC, GML};
use moisson_model::Record;

use crate::write::{DECLARATION, Xml};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const GEORSS: &str = "http://www.georss.org/georss";

/// The record as an `atom:entry` element; its link is the full ISO record from `endpoint`.
#[must_use]
pub fn entry(record: &Record, endpoint: &str) -> String {
    let id = record.id.as_ref().map(|i| i.as_str()).unwrap_or_default();
    let link = format!(
        "{endpoint}?service=CSW&version=2.0.2&request=GetRecordById&outputSchema=http://www.isotc211.org/2005/gmd&elementSetName=full&id={}",
        form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
    );
    let updated = record
        .catalogue
        .updated
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    let mut x = Xml::new();
    let attrs = [
        ("xmlns:atom", ATOM),
        ("xmlns:dc", DC),
        ("xmlns:georss", GEORSS),
        ("xmlns:gml", GML),
    ];
    x.with("atom:entry", &attrs, |x| {
        for keyword in record.keywords.iter().flat_map(|g| &g.keywords) {
            x.empty("atom:category", &[("term", &keyword.text)]);
        }
        x.leaf("atom:id", &[], id);
        x.leaf("dc:identifier", &[], id);
        x.empty("atom:link", &[("href", &link)]);
        x.leaf("atom:title", &[], &record.title);
        x.leaf("atom:updated", &[], &updated);
        x.leaf("atom:summary", &[], &record.abstract_text);
        if let Some(b) = record.extents.iter().find_map(|e| e.bbox.as_ref()) {
            x.with("georss:where", &[], |x| {
                let srs = [("srsName", "http://www.opengis.net/def/crs/EPSG/0/4326")];
                x.with("gml:Envelope", &srs, |x| {
                    x.leaf("gml:lowerCorner", &[], &format!("{} {}", b.south, b.west));
                    x.leaf("gml:upperCorner", &[], &format!("{} {}", b.north, b.east));
                });
            });
        }
    });
    let doc = x.finish();
    doc.strip_prefix(DECLARATION).unwrap_or(&doc).to_owned()
}

#[cfg(test)]
mod tests {
    use moisson_model::{Bbox, GeographicExtent, RecordId};

    use super::*;

    #[test]
    fn an_entry_with_its_box_in_lat_lon() {
        let record = Record {
            id: Some(RecordId::parse("urn:uuid:1").expect("id")),
            title: "T & co".to_owned(),
            extents: vec![GeographicExtent {
                bbox: Some(Bbox::new(13.75, 60.04, 17.92, 68.41).expect("bbox")),
                description: None,
            }],
            ..Record::default()
        };
        let xml = entry(&record, "http://cat.test/csw");
        assert!(xml.starts_with("<atom:entry"), "{xml}");
        assert!(xml.contains("<atom:id>urn:uuid:1</atom:id>"), "{xml}");
        assert!(xml.contains("<atom:title>T &amp; co</atom:title>"), "{xml}");
        assert!(
            xml.contains("<gml:lowerCorner>60.04 13.75</gml:lowerCorner>"),
            "{xml}"
        );
        assert!(xml.contains("id=urn%3Auuid%3A1"), "{xml}");
    }
}
