//! GML 3.1.1 / 2 geometries → WGS 84 bounding box, honouring the axis order of `srsName`.
//!
//! Every geometry is approximated by its envelope: the records' extents are boxes, and
//! a polygon's box is what pycsw's box-based backends compare too.

use moisson_model::Bbox;

use crate::xml::Element;
use crate::{Error, Result, invalid};

/// Order of the two coordinates of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisOrder {
    LonLat,
    LatLon,
}

/// The axis order a CRS name implies; `None` (no `srsName`) is longitude/latitude.
pub fn axis_order(srs: Option<&str>) -> Result<AxisOrder> {
    let Some(srs) = srs.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(AxisOrder::LonLat);
    };
    let lower = srs.to_ascii_lowercase();
    let lat_lon = [
        "urn:ogc:def:crs:epsg::4326",
        "urn:ogc:def:crs:epsg:6.6:4326",
        "urn:x-ogc:def:crs:epsg:6.11:4326",
        "urn:x-ogc:def:crs:epsg:4326",
        "urn:ogc:def:crs:epsg:4326",
        "http://www.opengis.net/def/crs/epsg/0/4326",
    ];
    let lon_lat = [
        "epsg:4326",
        "http://www.opengis.net/gml/srs/epsg.xml#4326",
        "urn:ogc:def:crs:ogc:1.3:crs84",
        "urn:ogc:def:crs:ogc::crs84",
        "http://www.opengis.net/def/crs/ogc/1.3/crs84",
        "crs84",
    ];
    if lat_lon.contains(&lower.as_str()) {
        Ok(AxisOrder::LatLon)
    } else if lon_lat.contains(&lower.as_str()) {
        Ok(AxisOrder::LonLat)
    } else {
        Err(Error::UnsupportedCrs(srs.to_owned()))
    }
}

/// The box of positions given in `order`.
pub fn envelope_of(positions: &[(f64, f64)], order: AxisOrder) -> Result<Bbox> {
    if positions.is_empty() {
        return Err(invalid("geometry without coordinates"));
    }
    let lon_lat = positions.iter().map(|&(a, b)| match order {
        AxisOrder::LonLat => (a, b),
        AxisOrder::LatLon => (b, a),
    });
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in lon_lat {
        w = w.min(x);
        e = e.max(x);
        s = s.min(y);
        n = n.max(y);
    }
    Bbox::new(w, s, e, n).map_err(|e| invalid(e.to_string()))
}

/// The envelope of a GML geometry element (Envelope, Box, Point, LineString, Polygon,
/// Multi*), in WGS 84 longitude/latitude.
pub fn geometry_bbox(geometry: &Element) -> Result<Bbox> {
    let srs = find_srs(geometry);
    let order = axis_order(srs)?;
    let mut positions = Vec::new();
    collect(geometry, &mut positions)?;
    if geometry.local == "Envelope" && positions.len() == 2 {
        // lowerCorner/upperCorner: keep west > east (antimeridian) as given.
        let [(a0, b0), (a1, b1)] = [positions[0], positions[1]];
        let (w, s, e, n) = match order {
            AxisOrder::LonLat => (a0, b0, a1, b1),
            AxisOrder::LatLon => (b0, a0, b1, a1),
        };
        return Bbox::new(w, s, e, n).map_err(|e| invalid(e.to_string()));
    }
    envelope_of(&positions, order)
}

fn find_srs(el: &Element) -> Option<&str> {
    el.attr("srsName")
        .or_else(|| el.children.iter().find_map(find_srs))
}

fn collect(el: &Element, out: &mut Vec<(f64, f64)>) -> Result<()> {
    match el.local.as_str() {
        "lowerCorner" | "upperCorner" | "pos" | "posList" => pairs(&numbers(el.trimmed())?, out),
        "coordinates" => {
            let cs = el.attr("cs").unwrap_or(",");
            let ts = el.attr("ts").unwrap_or(" ");
            for tuple in el.trimmed().split(ts).filter(|t| !t.trim().is_empty()) {
                pairs(&numbers(&tuple.replace(cs, " "))?, out)?;
            }
            Ok(())
        }
        "coord" => {
            let x = el
                .child_text("X")
                .ok_or_else(|| invalid("gml:coord without X"))?;
            let y = el
                .child_text("Y")
                .ok_or_else(|| invalid("gml:coord without Y"))?;
            pairs(&numbers(&format!("{x} {y}"))?, out)
        }
        _ => el.children.iter().try_for_each(|c| collect(c, out)),
    }
}

fn numbers(text: &str) -> Result<Vec<f64>> {
    text.split_whitespace()
        .map(|t| {
            t.parse::<f64>()
                .map_err(|_| invalid(format!("{t:?} is not a coordinate")))
        })
        .collect()
}

fn pairs(values: &[f64], out: &mut Vec<(f64, f64)>) -> Result<()> {
    if !values.len().is_multiple_of(2) {
        return Err(invalid(
            "odd number of coordinates (only 2D positions are accepted)",
        ));
    }
    out.extend(values.chunks_exact(2).map(|c| (c[0], c[1])));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    const GML: &str = r#"xmlns:gml="http://www.opengis.net/gml""#;

    fn bbox(xml: &str) -> Result<Bbox> {
        geometry_bbox(&parse(xml).expect("xml"))
    }

    #[test]
    fn envelope_axis_order_follows_srs_name() {
        let lat_lon = format!(
            r#"<gml:Envelope {GML} srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>47 -5</gml:lowerCorner><gml:upperCorner>49 2</gml:upperCorner></gml:Envelope>"#
        );
        assert_eq!(
            bbox(&lat_lon),
            Ok(Bbox {
                west: -5.0,
                south: 47.0,
                east: 2.0,
                north: 49.0
            })
        );
        let lon_lat = lat_lon
            .replace("urn:ogc:def:crs:EPSG::4326", "EPSG:4326")
            .replace("47 -5", "-5 47")
            .replace("49 2", "2 49");
        assert_eq!(
            bbox(&lon_lat),
            Ok(Bbox {
                west: -5.0,
                south: 47.0,
                east: 2.0,
                north: 49.0
            })
        );
        let x = lat_lon.replace(
            "urn:ogc:def:crs:EPSG::4326",
            "urn:x-ogc:def:crs:EPSG:6.11:4326",
        );
        assert_eq!(bbox(&x).map(|b| b.west), Ok(-5.0));
        assert!(matches!(
            bbox(&lat_lon.replace("EPSG::4326", "EPSG::2154")),
            Err(Error::UnsupportedCrs(_))
        ));
    }

    #[test]
    fn polygon_is_approximated_by_its_envelope() {
        let xml = format!(
            r#"<gml:Polygon {GML}><gml:exterior><gml:LinearRing><gml:posList>0 40 10 40 10 50 5 55 0 40</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"#
        );
        assert_eq!(
            bbox(&xml),
            Ok(Bbox {
                west: 0.0,
                south: 40.0,
                east: 10.0,
                north: 55.0
            })
        );
        let old = format!(r#"<gml:Box {GML}><gml:coordinates>1,2 3,4</gml:coordinates></gml:Box>"#);
        assert_eq!(
            bbox(&old),
            Ok(Bbox {
                west: 1.0,
                south: 2.0,
                east: 3.0,
                north: 4.0
            })
        );
    }

    #[test]
    fn bad_coordinates_are_refused() {
        assert!(
            bbox(&format!(
                r#"<gml:Envelope {GML}><gml:lowerCorner>a b</gml:lowerCorner></gml:Envelope>"#
            ))
            .is_err()
        );
        assert!(
            bbox(&format!(
                r#"<gml:Point {GML}><gml:pos>0 95</gml:pos></gml:Point>"#
            ))
            .is_err()
        );
    }
}
