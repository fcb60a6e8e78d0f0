//! GML 3.1.1 / 2 geometries → WGS 84 bounding box, honouring the CRS and axis order of
//! `srsName` (see [`crate::crs`]).
//!
//! Every geometry is approximated by its envelope: the records' extents are boxes, and
//! a polygon's box is what pycsw's box-based backends compare too.

use moisson_model::Bbox;

use crate::crs::{self, Crs};
use crate::xml::Element;
use crate::{Result, invalid};

/// Order of the two coordinates of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisOrder {
    LonLat,
    LatLon,
}

impl AxisOrder {
    /// A position given in this order, as (x or longitude, y or latitude).
    #[must_use]
    pub fn lon_lat(self, a: f64, b: f64) -> (f64, f64) {
        match self {
            Self::LonLat => (a, b),
            Self::LatLon => (b, a),
        }
    }
}

/// Points per edge when an envelope in another CRS is reprojected: its edges curve.
const EDGE_POINTS: usize = 16;

/// The box of WGS 84 positions given in `order`.
pub fn envelope_of(positions: &[(f64, f64)], order: AxisOrder) -> Result<Bbox> {
    envelope_in(positions, &Crs::Wgs84(order))
}

/// The WGS 84 box of positions in `crs`.
pub fn envelope_in(positions: &[(f64, f64)], crs: &Crs) -> Result<Bbox> {
    if positions.is_empty() {
        return Err(invalid("geometry without coordinates"));
    }
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &position in positions {
        let (x, y) = crs.to_lon_lat(position)?;
        w = w.min(x);
        e = e.max(x);
        s = s.min(y);
        n = n.max(y);
    }
    Bbox::new(w, s, e, n).map_err(|e| invalid(e.to_string()))
}

/// The WGS 84 box of an envelope given by its lower and upper corners in `crs`. In WGS 84
/// a west greater than east (across the antimeridian) is kept as given; in another CRS
/// the edges are followed, since they curve once reprojected.
pub fn corners_bbox(lower: (f64, f64), upper: (f64, f64), crs: &Crs) -> Result<Bbox> {
    if let Crs::Wgs84(order) = crs {
        let (w, s) = order.lon_lat(lower.0, lower.1);
        let (e, n) = order.lon_lat(upper.0, upper.1);
        return Bbox::new(w, s, e, n).map_err(|e| invalid(e.to_string()));
    }
    let step = |from: f64, to: f64, i: usize| from + (to - from) * i as f64 / EDGE_POINTS as f64;
    let mut edges = Vec::with_capacity(4 * (EDGE_POINTS + 1));
    for i in 0..=EDGE_POINTS {
        let a = step(lower.0, upper.0, i);
        let b = step(lower.1, upper.1, i);
        edges.extend([(a, lower.1), (a, upper.1), (lower.0, b), (upper.0, b)]);
    }
    envelope_in(&edges, crs)
}

/// The envelope of a GML geometry element (Envelope, Box, Point, LineString, Polygon,
/// Multi*), in WGS 84 longitude/latitude.
pub fn geometry_bbox(geometry: &Element) -> Result<Bbox> {
    let crs = crs::resolve(find_srs(geometry))?;
    let mut positions = Vec::new();
    collect(geometry, &mut positions)?;
    if geometry.local == "Envelope" && positions.len() == 2 {
        return corners_bbox(positions[0], positions[1], &crs);
    }
    envelope_in(&positions, &crs)
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
        "LinearRing" => {
            let mut ring = Vec::new();
            el.children.iter().try_for_each(|c| collect(c, &mut ring))?;
            check_ring(&ring)?;
            out.extend(ring);
            Ok(())
        }
        _ => el.children.iter().try_for_each(|c| collect(c, out)),
    }
}

/// A ring is closed and has at least four positions (GML 3.1.1 §10.5.11).
fn check_ring(ring: &[(f64, f64)]) -> Result<()> {
    if ring.len() < 4 {
        return Err(invalid(format!(
            "gml:LinearRing with {} positions; a ring needs at least 4",
            ring.len()
        )));
    }
    if ring.first() != ring.last() {
        return Err(invalid(
            "gml:LinearRing is not closed (its first and last positions differ)",
        ));
    }
    Ok(())
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
            bbox(&lat_lon.replace("EPSG::4326", "EPSG::226")),
            Err(crate::Error::UnsupportedCrs(_))
        ));
        let no_srs = lat_lon.replace(r#" srsName="urn:ogc:def:crs:EPSG::4326""#, "");
        assert_eq!(bbox(&no_srs), bbox(&lat_lon), "CSW 2.0.2 default: lat/lon");
    }

    #[test]
    fn polygon_is_approximated_by_its_envelope() {
        let xml = format!(
            r#"<gml:Polygon {GML} srsName="EPSG:4326"><gml:exterior><gml:LinearRing><gml:posList>0 40 10 40 10 50 5 55 0 40</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"#
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
        let old = format!(
            r#"<gml:Box {GML} srsName="EPSG:4326"><gml:coordinates>1,2 3,4</gml:coordinates></gml:Box>"#
        );
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
    fn projected_envelope_is_reprojected() {
        // Around Lyon in Lambert-93.
        let xml = format!(
            r#"<gml:Envelope {GML} srsName="EPSG:2154"><gml:lowerCorner>830000 6500000</gml:lowerCorner><gml:upperCorner>860000 6540000</gml:upperCorner></gml:Envelope>"#
        );
        let b = bbox(&xml).expect("bbox");
        assert!(
            b.west > 4.6 && b.east < 5.1 && b.south > 45.5 && b.north < 46.0,
            "{b:?}"
        );
    }

    #[test]
    fn open_or_short_rings_are_refused() {
        let ring = |list: &str| {
            format!(
                r#"<gml:Polygon {GML}><gml:exterior><gml:LinearRing><gml:posList>{list}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"#
            )
        };
        assert!(bbox(&ring("11 16 49 17 10 10")).is_err());
        assert!(bbox(&ring("0 40 10 40 10 50 5 55")).is_err());
        assert!(bbox(&ring("40 0 40 10 50 10 40 0")).is_ok());
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
                r#"<gml:Point {GML}><gml:pos>95 0</gml:pos></gml:Point>"#
            ))
            .is_err()
        );
    }
}
