//! Bounding boxes from the geometry literals catalogues write: WKT (with or without a CRS
//! IRI), GeoJSON and GML envelopes.

use moisson_model::Bbox;

use crate::vocab::authority;

/// The bounding box of every coordinate in a geometry literal, in longitude/latitude order.
/// A WKT literal that names EPSG:4326 has latitude first and is swapped.
pub(super) fn bbox(literal: &str) -> Option<Bbox> {
    let literal = literal.trim();
    let (crs, body) = match literal
        .strip_prefix('<')
        .filter(|rest| rest.starts_with("http"))
    {
        Some(rest) => rest.split_once('>').unwrap_or(("", literal)),
        None => ("", literal),
    };
    let body = body
        .split_once("coordinates")
        .map_or(body, |(_, coords)| coords);
    let numbers = numbers(body);
    if numbers.len() < 2 {
        return None;
    }
    let lat_first = crs == format!("{}4326", authority::EPSG_CRS);
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for pair in numbers.chunks_exact(2) {
        let (x, y) = if lat_first {
            (pair[1], pair[0])
        } else {
            (pair[0], pair[1])
        };
        (w, e, s, n) = (w.min(x), e.max(x), s.min(y), n.max(y));
    }
    Bbox::new(w, s, e, n).ok()
}

/// The numbers of a text, in order (tags and words skipped).
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_tag = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        match c {
            '>' => in_tag = false,
            _ if in_tag => {}
            '0'..='9' | '.' | '-' | '+' | 'e' | 'E'
                if !current.is_empty() || c.is_ascii_digit() || c == '-' =>
            {
                current.push(c)
            }
            _ => {
                if let Ok(v) = current.parse::<f64>() {
                    out.push(v);
                }
                current.clear();
                in_tag = c == '<';
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkt_geojson_and_gml() {
        let expected = Bbox {
            west: 14.18,
            south: 35.81,
            east: 14.58,
            north: 36.08,
        };
        assert_eq!(
            bbox("POLYGON((14.18 36.08,14.58 36.08,14.58 35.81,14.18 35.81,14.18 36.08))"),
            Some(expected)
        );
        assert_eq!(
            bbox(
                r#"{"type":"Polygon","coordinates":[[[14.18,36.08],[14.58,36.08],[14.58,35.81],[14.18,35.81],[14.18,36.08]]]}"#
            ),
            Some(expected)
        );
        assert_eq!(
            bbox(
                r#"<gml:Envelope srsName="http://www.opengis.net/def/crs/OGC/1.3/CRS84"><gml:lowerCorner>14.18 35.81</gml:lowerCorner><gml:upperCorner>14.58 36.08</gml:upperCorner></gml:Envelope>"#
            ),
            Some(expected)
        );
        assert_eq!(
            bbox("<http://www.opengis.net/def/crs/EPSG/0/4326> POLYGON((35.81 14.18,36.08 14.58))"),
            Some(expected)
        );
    }
}
