//! CQL2 geometry literals as boxes: exact for points, BBOX and axis-aligned rectangles.

use moisson_model::Bbox;
use serde_json::Value as Json;

use super::{Cql, describe};
use crate::{Result, invalid};

/// A geometry literal as its envelope; `exact` when the envelope is the geometry itself
/// (a point, a BBOX, an axis-aligned rectangle).
pub(super) struct Shape {
    pub(super) bbox: Bbox,
    pub(super) exact: bool,
}

pub(super) fn shape(e: &Cql) -> Result<Shape> {
    let bad = |why: &str| invalid(format!("geometry: {why}"));
    match e {
        Cql::BBox { bbox } => {
            let n: Vec<f64> = bbox.iter().map(|v| number(v)).collect::<Result<_>>()?;
            let (w, s, east, north) = match n[..] {
                [w, s, e, n] => (w, s, e, n),
                [w, s, _, e, n, _] => (w, s, e, n),
                _ => return Err(bad("BBOX takes 4 or 6 numbers")),
            };
            let bbox = Bbox::new(w, s, east, north).map_err(|e| bad(&e.to_string()))?;
            Ok(Shape { bbox, exact: true })
        }
        Cql::Geometry(g) => {
            let json = serde_json::to_value(g).map_err(|e| bad(&e.to_string()))?;
            geojson_shape(&json)
        }
        other => Err(invalid(format!(
            "expected a geometry, found {}",
            describe(other)
        ))),
    }
}

fn geojson_shape(json: &Json) -> Result<Shape> {
    let bad = |why: &str| invalid(format!("geometry: {why}"));
    let kind = json["type"].as_str().unwrap_or_default();
    let mut points = Vec::new();
    collect_points(&json["coordinates"], &mut points);
    if points.is_empty() {
        return Err(bad(&format!("unsupported or empty geometry {kind:?}")));
    }
    let fold =
        |f: fn(f64, f64) -> f64, i: usize, init: f64| points.iter().map(|p| p[i]).fold(init, f);
    let (w, s) = (
        fold(f64::min, 0, f64::INFINITY),
        fold(f64::min, 1, f64::INFINITY),
    );
    let (e, n) = (
        fold(f64::max, 0, f64::NEG_INFINITY),
        fold(f64::max, 1, f64::NEG_INFINITY),
    );
    let bbox = Bbox::new(w, s, e, n).map_err(|e| bad(&e.to_string()))?;
    let exact = match kind {
        "Point" => true,
        "Polygon" => {
            json["coordinates"]
                .as_array()
                .is_some_and(|rings| rings.len() == 1)
                && points
                    .iter()
                    .all(|p| (p[0] == w || p[0] == e) && (p[1] == s || p[1] == n))
                && points
                    .windows(2)
                    .all(|p| p[0][0] == p[1][0] || p[0][1] == p[1][1])
        }
        _ => false,
    };
    Ok(Shape { bbox, exact })
}

fn collect_points(v: &Json, out: &mut Vec<[f64; 2]>) {
    let Some(items) = v.as_array() else { return };
    if let [Json::Number(x), Json::Number(y), ..] = &items[..] {
        if let (Some(x), Some(y)) = (x.as_f64(), y.as_f64()) {
            out.push([x, y]);
        }
        return;
    }
    items.iter().for_each(|i| collect_points(i, out));
}

fn number(e: &Cql) -> Result<f64> {
    match e {
        Cql::Float(f) => Ok(*f),
        Cql::Literal(s) => s
            .parse()
            .map_err(|_| invalid(format!("{s:?} is not a number"))),
        other => Err(invalid(format!(
            "expected a number, found {}",
            describe(other)
        ))),
    }
}
