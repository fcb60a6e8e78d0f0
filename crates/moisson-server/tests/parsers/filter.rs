//! Filters from the network: OGC Filter 1.1 XML (CSW), CQL text (CSW), CQL2 text and
//! JSON (OGC API Records).

use moisson_filter::cql2::{Cql2Target, parse_cql2_json, parse_cql2_text};
use moisson_filter::{parse_cql, parse_filter_xml};
use moisson_model::Property;
use proptest::prelude::*;

use crate::config;
use crate::damage::damaged_text;

const FILTER_XML: &[&str] = &[
    r#"<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\"><ogc:PropertyName>csw:AnyText</ogc:PropertyName><ogc:Literal>%eau%</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>"#,
    r#"<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml"><ogc:And><ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>47 -5</gml:lowerCorner><gml:upperCorner>55 20</gml:upperCorner></gml:Envelope></ogc:BBOX><ogc:Not><ogc:PropertyIsEqualTo><ogc:PropertyName>dc:type</ogc:PropertyName><ogc:Literal>service</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Not></ogc:And></ogc:Filter>"#,
    r#"<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:Or><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>dct:modified</ogc:PropertyName><ogc:Literal>2004-03-01</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsNull><ogc:PropertyName>dc:title</ogc:PropertyName></ogc:PropertyIsNull></ogc:Or></ogc:Filter>"#,
];

const CQL: &[&str] = &[
    "csw:AnyText like '%eau%'",
    "dc:title = 'Plan local' and dct:modified >= '2020-01-01'",
    "BBOX(ows:BoundingBox, -5, 41, 10, 51) or not (dc:type = 'service')",
    "apiso:OrganisationName like 'Mairie%' and apiso:TopicCategory = 'environment'",
];

const CQL2_TEXT: &[&str] = &[
    "title LIKE 'eau%' AND NOT (type = 'service')",
    "S_INTERSECTS(geometry, BBOX(-5, 41, 10, 51)) OR CASEI(title) = casei('Plan')",
    "T_DURING(time, INTERVAL('2020-01-01', '2021-01-01')) AND title IN ('a', 'b')",
];

const CQL2_JSON: &[&str] = &[
    r#"{"op":"and","args":[{"op":"like","args":[{"property":"title"},"eau%"]},{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[-5,41,10,51]}]}]}"#,
    r#"{"op":"t_intersects","args":[{"property":"time"},{"interval":["2020-01-01","..",]}]}"#,
];

fn texts(samples: &[&str]) -> Vec<Vec<u8>> {
    samples.iter().map(|s| s.as_bytes().to_vec()).collect()
}

fn resolve(name: &str) -> Option<Cql2Target> {
    match name {
        "title" => Some(Cql2Target::Property(Property::Title)),
        "type" => Some(Cql2Target::Property(Property::Type)),
        "geometry" => Some(Cql2Target::Geometry),
        "time" => Some(Cql2Target::Time),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn filter_xml_is_parsed_or_refused(text in damaged_text(texts(FILTER_XML))) {
        let _ = parse_filter_xml(&text);
    }

    #[test]
    fn cql_text_is_parsed_or_refused(text in damaged_text(texts(CQL))) {
        let _ = parse_cql(&text);
    }

    #[test]
    fn cql2_text_is_parsed_or_refused(text in damaged_text(texts(CQL2_TEXT))) {
        let _ = parse_cql2_text(&text, &resolve);
    }

    #[test]
    fn cql2_json_is_parsed_or_refused(text in damaged_text(texts(CQL2_JSON))) {
        let _ = parse_cql2_json(&text, &resolve);
    }
}
