//! gex:EX_Extent → geographic and temporal extents.

use moisson_model::{Bbox, GeographicExtent, Record};

use super::values::{anchored, child, child_string, objects, path};
use crate::iso_read::extent::time_primitive;
use crate::tree::Element;

/// Reads one EX_Extent into the record's extents.
pub(crate) fn read(ex: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    let description = child_string(ex, "description");
    let mut found = false;
    for el in objects(ex, "geographicElement") {
        if el.local == "EX_GeographicBoundingBox" {
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
        } else if el.local == "EX_GeographicDescription" {
            let code =
                path(el, &["geographicIdentifier", "MD_Identifier", "code"]).and_then(anchored);
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
    let temporal = objects(ex, "temporalElement")
        .filter_map(|t| child(t, "extent"))
        .filter_map(Element::first)
        .filter_map(time_primitive);
    r.temporal_extents.extend(temporal);
}

/// The four bounds; the error is the text that is not a finite number.
fn bbox(el: &Element) -> Result<Bbox, String> {
    let bound = |name: &str| -> Result<f64, String> {
        let text = path(el, &[name, "Decimal"])
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
