//! Geographic and temporal extents → EX_Extent (one per extent).

use moisson_model::{Bbox, GeographicExtent, Record, TemporalExtent};

use super::values::string;
use crate::xml::Xml;

/// Writes every extent of the record under `prop` (gmd:extent or srv:extent).
pub(crate) fn write(x: &mut Xml, prop: &str, r: &Record) {
    for g in &r.extents {
        if g.bbox.is_some() || g.description.is_some() {
            x.with(prop, &[], |x| {
                x.with("gmd:EX_Extent", &[], |x| geographic(x, g));
            });
        }
    }
    for (i, t) in r.temporal_extents.iter().enumerate() {
        x.with(prop, &[], |x| {
            x.with("gmd:EX_Extent", &[], |x| temporal(x, t, i + 1));
        });
    }
}

/// A box with its description, or a description alone as EX_GeographicDescription.
fn geographic(x: &mut Xml, g: &GeographicExtent) {
    match (&g.bbox, &g.description) {
        (Some(bbox), description) => {
            if let Some(d) = description {
                string(x, "gmd:description", d);
            }
            x.with("gmd:geographicElement", &[], |x| bounding_box(x, bbox));
        }
        (None, Some(d)) => x.with("gmd:geographicElement", &[], |x| {
            x.with("gmd:EX_GeographicDescription", &[], |x| {
                x.with("gmd:geographicIdentifier", &[], |x| {
                    x.with("gmd:MD_Identifier", &[], |x| string(x, "gmd:code", d));
                });
            });
        }),
        (None, None) => {}
    }
}

fn bounding_box(x: &mut Xml, b: &Bbox) {
    x.with("gmd:EX_GeographicBoundingBox", &[], |x| {
        for (name, value) in [
            ("gmd:westBoundLongitude", b.west),
            ("gmd:eastBoundLongitude", b.east),
            ("gmd:southBoundLatitude", b.south),
            ("gmd:northBoundLatitude", b.north),
        ] {
            x.with(name, &[], |x| {
                x.leaf("gco:Decimal", &[], &value.to_string());
            });
        }
    });
}

/// A gml:TimePeriod; open ends are `unknown`, an ongoing end is `now`.
fn temporal(x: &mut Xml, t: &TemporalExtent, n: usize) {
    let id = format!("moisson-t{n}");
    x.with("gmd:temporalElement", &[], |x| {
        x.with("gmd:EX_TemporalExtent", &[], |x| {
            x.with("gmd:extent", &[], |x| {
                x.with("gml:TimePeriod", &[("gml:id", &id)], |x| {
                    position(x, "gml:beginPosition", t.begin.as_deref(), false);
                    position(x, "gml:endPosition", t.end.as_deref(), t.end_is_now);
                });
            });
        });
    });
}

fn position(x: &mut Xml, name: &str, value: Option<&str>, now: bool) {
    let indeterminate = if now {
        Some("now")
    } else if value.is_none() {
        Some("unknown")
    } else {
        None
    };
    match indeterminate {
        Some(ind) => x.leaf(
            name,
            &[("indeterminatePosition", ind)],
            value.unwrap_or_default(),
        ),
        None => x.leaf(name, &[], value.unwrap_or_default()),
    }
}
