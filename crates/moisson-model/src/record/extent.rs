//! Geographic and temporal extents, with the validation a store applies at write.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A geographic extent: a bounding box, a description (EX_GeographicDescription), or both.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct GeographicExtent {
    pub bbox: Option<Bbox>,
    pub description: Option<String>,
}

/// A WGS 84 bounding box in degrees. `west > east` means the box crosses the antimeridian.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bbox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bbox {
    /// Builds and validates a box.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self> {
        let bbox = Self {
            west,
            south,
            east,
            north,
        };
        bbox.validate()?;
        Ok(bbox)
    }

    /// Parses `west,south,east,north` (the OGC API / REST order).
    pub fn parse(s: &str) -> Result<Self> {
        let parts: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| Error::InvalidBbox(s.to_owned(), "expected four numbers"))?;
        match parts[..] {
            [w, s, e, n] => Self::new(w, s, e, n),
            _ => Err(Error::InvalidBbox(
                s.to_owned(),
                "expected four numbers west,south,east,north",
            )),
        }
    }

    /// Latitudes in [-90, 90], south ≤ north, longitudes in [-180, 180], all finite.
    pub fn validate(&self) -> Result<()> {
        let err = |why| Err(Error::InvalidBbox(self.to_string(), why));
        if ![self.west, self.south, self.east, self.north]
            .iter()
            .all(|v| v.is_finite())
        {
            return err("coordinates must be finite numbers");
        }
        if !(-90.0..=90.0).contains(&self.south) || !(-90.0..=90.0).contains(&self.north) {
            return err("latitude outside [-90, 90]");
        }
        if self.south > self.north {
            return err("south is greater than north");
        }
        if !(-180.0..=180.0).contains(&self.west) || !(-180.0..=180.0).contains(&self.east) {
            return err("longitude outside [-180, 180]");
        }
        Ok(())
    }

    #[must_use]
    pub fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// The box as one or two boxes that do not cross the antimeridian.
    #[must_use]
    pub fn split_at_antimeridian(&self) -> Vec<Self> {
        if self.crosses_antimeridian() {
            vec![
                Self {
                    east: 180.0,
                    ..*self
                },
                Self {
                    west: -180.0,
                    ..*self
                },
            ]
        } else {
            vec![*self]
        }
    }

    /// Whether two boxes share at least a point, antimeridian-aware.
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        self.split_at_antimeridian().iter().any(|a| {
            other.split_at_antimeridian().iter().any(|b| {
                a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north
            })
        })
    }
}

impl std::fmt::Display for Bbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{},{},{},{}",
            self.west, self.south, self.east, self.north
        )
    }
}

/// A temporal extent. Either end may be open; `end_is_now` marks
/// `indeterminatePosition="now"`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TemporalExtent {
    /// ISO 8601 date or date-time as written.
    pub begin: Option<String>,
    pub end: Option<String>,
    pub end_is_now: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_latitudes_and_inverted_boxes() {
        assert!(Bbox::new(0.0, -91.0, 1.0, 1.0).is_err());
        assert!(Bbox::new(0.0, 10.0, 1.0, 5.0).is_err());
        assert!(Bbox::new(f64::NAN, 0.0, 1.0, 1.0).is_err());
    }

    #[test]
    fn antimeridian_boxes_intersect_both_sides() {
        let fiji = Bbox::new(170.0, -20.0, -170.0, -10.0).expect("valid");
        assert!(fiji.intersects(&Bbox::new(175.0, -15.0, 176.0, -14.0).expect("valid")));
        assert!(fiji.intersects(&Bbox::new(-175.0, -15.0, -174.0, -14.0).expect("valid")));
        assert!(!fiji.intersects(&Bbox::new(0.0, -15.0, 1.0, -14.0).expect("valid")));
    }

    #[test]
    fn parses_rest_order() {
        let b = Bbox::parse("2.2,48.8,2.5,48.9").expect("valid");
        assert_eq!(b.west, 2.2);
        assert!(Bbox::parse("1,2,3").is_err());
    }
}
