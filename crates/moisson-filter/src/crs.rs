//! The CRS a filter geometry names (`srsName`), and how its positions become WGS 84
//! longitude/latitude: the index is in WGS 84, so the filter is brought to it, never the
//! records.
//!
//! Any EPSG code of the `crs-definitions` table is accepted (Lambert-93 2154, the CC zones
//! 3942–3950, 3857, UTM 32601–32660/32701–32760, the overseas zones 2972, 2975, 4471,
//! 5490, 2977…, 27572, 2192 …), reprojected with `proj4rs`. A projection is built once per
//! code, on first use, and kept: a request pays a map lookup, not a parse.
//!
//! Axis order: CSW 2.0.2 (and pycsw/OWSLib) read EPSG:4326 as latitude/longitude, which is
//! the default when no `srsName` is given; the short `EPSG:4326` form is the traditional
//! longitude/latitude; CRS84 is longitude/latitude. Projected CRSs are read easting then
//! northing, as in the EPSG axes of every code above.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use proj4rs::Proj;

use crate::gml::AxisOrder;
use crate::{Error, Result};

/// Geographic CRSs whose difference to WGS 84 is below a metre or two (WGS 84, ETRS89,
/// RGF93): read as WGS 84 without a datum shift.
const WGS84_LIKE: [u16; 3] = [4326, 4258, 4171];

/// How positions of a geometry become WGS 84 longitude/latitude.
#[derive(Clone)]
pub enum Crs {
    /// Degrees, in this order.
    Wgs84(AxisOrder),
    /// Any other CRS: positions (degrees for a geographic CRS, in `order`) reprojected.
    Reprojected { proj: Arc<Proj>, order: AxisOrder },
}

impl std::fmt::Debug for Crs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Wgs84(order) => write!(f, "Wgs84({order:?})"),
            Self::Reprojected { order, .. } => write!(f, "Reprojected({order:?})"),
        }
    }
}

/// The CRS of a `srsName` (`None`: EPSG:4326 in latitude/longitude, the CSW 2.0.2 default).
pub fn resolve(srs: Option<&str>) -> Result<Crs> {
    let Some(name) = srs.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(Crs::Wgs84(AxisOrder::LatLon));
    };
    let unsupported = || Error::UnsupportedCrs(name.to_owned());
    let lower = name.to_ascii_lowercase();
    if lower.ends_with("crs84") {
        return Ok(Crs::Wgs84(AxisOrder::LonLat));
    }
    let (code, axes_of_epsg) = epsg_code(&lower).ok_or_else(unsupported)?;
    let def = crs_definitions::from_code(code).ok_or_else(unsupported)?;
    let geographic = def.proj4.contains("+proj=longlat");
    let order = if geographic && axes_of_epsg {
        AxisOrder::LatLon
    } else {
        AxisOrder::LonLat
    };
    if WGS84_LIKE.contains(&code) {
        return Ok(Crs::Wgs84(order));
    }
    Ok(Crs::Reprojected {
        proj: projection(code, def.proj4).map_err(|_| unsupported())?,
        order,
    })
}

/// The EPSG code of a CRS name, and whether the name asks for the EPSG axis order (the
/// URN and URL forms do; the short `EPSG:nnnn` form is traditionally x/y, except 4326 in
/// the GML `epsg.xml#` form, which pycsw and OWSLib read as latitude/longitude too).
fn epsg_code(lower: &str) -> Option<(u16, bool)> {
    const EPSG_AXES: [&str; 4] = [
        "urn:ogc:def:crs:epsg:",
        "urn:x-ogc:def:crs:epsg:",
        "http://www.opengis.net/def/crs/epsg/",
        "http://www.opengis.net/gml/srs/epsg.xml#",
    ];
    let axes_of_epsg = EPSG_AXES.iter().any(|p| lower.starts_with(p));
    if !axes_of_epsg && !lower.starts_with("epsg:") {
        return None;
    }
    let code = lower.rsplit([':', '/', '#']).next()?;
    Some((code.parse().ok()?, axes_of_epsg))
}

static WGS84: LazyLock<Proj> = LazyLock::new(|| {
    Proj::from_proj_string(crs_definitions::EPSG_4326.proj4).expect("the WGS 84 definition")
});

/// The projection of an EPSG code, built once.
fn projection(
    code: u16,
    definition: &str,
) -> std::result::Result<Arc<Proj>, proj4rs::errors::Error> {
    static CACHE: LazyLock<Mutex<HashMap<u16, Arc<Proj>>>> = LazyLock::new(Mutex::default);
    if let Some(p) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(&code) {
        return Ok(p.clone());
    }
    let proj = Arc::new(Proj::from_proj_string(definition)?);
    CACHE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(code, proj.clone());
    Ok(proj)
}

impl Crs {
    /// A position in WGS 84 longitude/latitude degrees.
    pub fn to_lon_lat(&self, (a, b): (f64, f64)) -> Result<(f64, f64)> {
        match self {
            Self::Wgs84(order) => Ok(order.lon_lat(a, b)),
            Self::Reprojected { proj, order } => {
                let (x, y) = order.lon_lat(a, b);
                let mut point = if proj.is_latlong() {
                    (x.to_radians(), y.to_radians(), 0.0)
                } else {
                    (x, y, 0.0)
                };
                proj4rs::transform::transform(proj, &WGS84, &mut point).map_err(|e| {
                    crate::invalid(format!("position {a} {b} cannot be reprojected: {e}"))
                })?;
                let (lon, lat) = (point.0.to_degrees(), point.1.to_degrees());
                if lon.is_finite() && lat.is_finite() {
                    Ok((lon, lat))
                } else {
                    Err(crate::invalid(format!(
                        "position {a} {b} is outside its CRS"
                    )))
                }
            }
        }
    }

    /// Whether positions need reprojecting (an envelope is then densified, since its
    /// edges curve in WGS 84).
    #[must_use]
    pub fn is_reprojected(&self) -> bool {
        matches!(self, Self::Reprojected { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: (f64, f64), want: (f64, f64)) -> bool {
        (got.0 - want.0).abs() < 1e-4 && (got.1 - want.1).abs() < 1e-4
    }

    #[test]
    fn lambert_93_and_web_mercator_reach_wgs84() {
        // Lambert-93 false origin: 3°E 46.5°N.
        let l93 = resolve(Some("EPSG:2154")).expect("2154");
        assert!(close(
            l93.to_lon_lat((700_000.0, 6_600_000.0)).expect("ok"),
            (3.0, 46.5)
        ));
        let urn = resolve(Some("urn:ogc:def:crs:EPSG::2154")).expect("urn 2154");
        assert!(close(
            urn.to_lon_lat((700_000.0, 6_600_000.0)).expect("ok"),
            (3.0, 46.5)
        ));
        let merc = resolve(Some("http://www.opengis.net/def/crs/EPSG/0/3857")).expect("3857");
        let (lon, lat) = merc.to_lon_lat((333_958.47, 5_621_521.49)).expect("ok");
        assert!(
            (lon - 3.0).abs() < 1e-3 && (lat - 45.0).abs() < 1e-3,
            "{lon} {lat}"
        );
    }

    #[test]
    fn every_zone_french_clients_send_is_known() {
        let codes = (3942..=3950)
            .chain(32601..=32660)
            .chain(32701..=32760)
            .chain([
                2154, 3857, 4258, 4171, 2192, 27572, 2972, 2975, 5490, 4471, 2977,
            ]);
        for code in codes {
            assert!(
                resolve(Some(&format!("EPSG:{code}"))).is_ok(),
                "EPSG:{code} unknown"
            );
        }
    }

    #[test]
    fn axis_order_of_each_form() {
        let lat_lon = [
            "urn:ogc:def:crs:EPSG::4326",
            "urn:x-ogc:def:crs:EPSG:6.11:4326",
        ];
        for name in lat_lon {
            assert!(
                matches!(resolve(Some(name)), Ok(Crs::Wgs84(AxisOrder::LatLon))),
                "{name}"
            );
        }
        assert!(matches!(resolve(None), Ok(Crs::Wgs84(AxisOrder::LatLon))));
        for name in ["EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4258"] {
            assert!(
                matches!(resolve(Some(name)), Ok(Crs::Wgs84(AxisOrder::LonLat))),
                "{name}"
            );
        }
        // UTM 31N: 500 000 m east of 3°E on the equator.
        let utm = resolve(Some("urn:ogc:def:crs:EPSG::32631")).expect("utm");
        assert!(close(
            utm.to_lon_lat((500_000.0, 0.0)).expect("ok"),
            (3.0, 0.0)
        ));
    }

    #[test]
    fn unknown_crs_is_named() {
        for name in ["EPSG:226", "urn:ogc:def:crs:EPSG::999999", "FOO:1"] {
            assert_eq!(
                resolve(Some(name)).map(|_| ()),
                Err(Error::UnsupportedCrs(name.to_owned()))
            );
        }
    }
}
