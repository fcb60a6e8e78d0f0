//! EX_Extent → geographic extents (boxes, descriptions) and temporal extents.

use moisson_model::{Bbox, GeographicExtent, Record, TemporalExtent};

use super::values::{anchored, child_string};
use crate::ns::{GCO, GMD, GML, GML32};
use crate::tree::Element;

/// Reads one EX_Extent into the record's extents.
pub(crate) fn read(ex: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    let description = child_string(ex, "description");
    let mut found = false;
    for el in ex
        .children(GMD, "geographicElement")
        .filter_map(Element::first)
    {
        if el.local.ends_with("EX_GeographicBoundingBox") {
            found = true;
            match bbox(el) {
                Ok(bbox) => r.extents.push(GeographicExtent {
                    bbox: Some(bbox),
                    description: description.clone(),
                }),
                Err(text) => warnings.push(format!(
                    "bounding box value {text:?} is not a number: box skipped"
                )),
            }
        } else if el.local.ends_with("EX_GeographicDescription") {
            let code = el
                .path(GMD, &["geographicIdentifier"])
                .and_then(Element::first)
                .and_then(|id| id.child(GMD, "code"))
                .and_then(anchored);
            if let Some(code) = code {
                found = true;
                r.extents.push(GeographicExtent {
                    bbox: None,
                    description: Some(code.text),
                });
            }
        }
    }
    if !found && description.is_some() {
        r.extents.push(GeographicExtent {
            bbox: None,
            description,
        });
    }
    let temporal = ex
        .children(GMD, "temporalElement")
        .filter_map(Element::first);
    r.temporal_extents
        .extend(temporal.filter_map(temporal_extent));
}

/// The four bounds; the error is the text that is not a finite number.
fn bbox(el: &Element) -> Result<Bbox, String> {
    let bound = |name: &str| -> Result<f64, String> {
        let text = el
            .child(GMD, name)
            .and_then(|p| p.child(GCO, "Decimal"))
            .map(|d| d.text.trim().to_owned())
            .unwrap_or_default();
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or(text)
    };
    Ok(Bbox {
        west: bound("westBoundLongitude")?,
        south: bound("southBoundLatitude")?,
        east: bound("eastBoundLongitude")?,
        north: bound("northBoundLatitude")?,
    })
}

fn is_gml(el: &Element, local: &str) -> bool {
    (el.ns == GML32 || el.ns == GML) && el.local == local
}

fn gml_child<'a>(el: &'a Element, local: &str) -> Option<&'a Element> {
    el.children.iter().find(|c| is_gml(c, local))
}

/// An EX_TemporalExtent (or subtype) holding a gml:TimePeriod or gml:TimeInstant.
fn temporal_extent(el: &Element) -> Option<TemporalExtent> {
    time_primitive(el.child(GMD, "extent")?.first()?)
}

/// A gml:TimePeriod or gml:TimeInstant (the same GML in ISO 19139 and 19115-3).
pub(crate) fn time_primitive(primitive: &Element) -> Option<TemporalExtent> {
    let extent = if is_gml(primitive, "TimeInstant") {
        let (at, now) = position(gml_child(primitive, "timePosition"));
        TemporalExtent {
            begin: at.clone(),
            end: at,
            end_is_now: now,
        }
    } else if is_gml(primitive, "TimePeriod") {
        let (begin, _) = position(bound(primitive, "beginPosition", "begin"));
        let (end, end_is_now) = position(bound(primitive, "endPosition", "end"));
        TemporalExtent {
            begin,
            end,
            end_is_now,
        }
    } else {
        return None;
    };
    (extent != TemporalExtent::default()).then_some(extent)
}

/// gml:beginPosition, or gml:begin/gml:TimeInstant/gml:timePosition.
fn bound<'a>(period: &'a Element, position: &str, instant: &str) -> Option<&'a Element> {
    gml_child(period, position).or_else(|| {
        gml_child(period, instant)
            .and_then(|b| gml_child(b, "TimeInstant"))
            .and_then(|i| gml_child(i, "timePosition"))
    })
}

/// The time text and whether the position is indeterminate "now".
fn position(el: Option<&Element>) -> (Option<String>, bool) {
    let Some(el) = el else { return (None, false) };
    let now = el
        .attr("", "indeterminatePosition")
        .is_some_and(|v| v.trim() == "now");
    (el.trimmed().map(str::to_owned), now)
}
