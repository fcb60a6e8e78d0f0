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

/// One bound of a `Bbox`, named as ISO 19139 (`gmd:EX_GeographicBoundingBox`) and the
/// REST record's JSON Schema name it, so that a refusal tells which field to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BboxBound {
    West,
    South,
    East,
    North,
}

impl BboxBound {
    /// `westBoundLongitude`, `southBoundLatitude`, `eastBoundLongitude`, `northBoundLatitude`.
    #[must_use]
    pub fn iso_name(self) -> &'static str {
        match self {
            Self::West => "westBoundLongitude",
            Self::South => "southBoundLatitude",
            Self::East => "eastBoundLongitude",
            Self::North => "northBoundLatitude",
        }
    }
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
        let malformed = |reason| Error::InvalidBbox {
            bbox: s.to_owned(),
            reason,
            bound: None,
        };
        let parts: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| malformed("expected four numbers"))?;
        match parts[..] {
            [w, s, e, n] => Self::new(w, s, e, n),
            _ => Err(malformed("expected four numbers west,south,east,north")),
        }
    }

    /// Latitudes in [-90, 90], south ≤ north, longitudes in [-180, 180], all finite.
    /// The error names the first bound that fails (`BboxBound`), so a client is told
    /// which field to fix.
    pub fn validate(&self) -> Result<()> {
        use BboxBound::{East, North, South, West};
        let err = |bound: BboxBound, reason| {
            Err(Error::InvalidBbox {
                bbox: self.to_string(),
                reason,
                bound: Some(bound),
            })
        };
        let bounds = [
            (West, self.west),
            (South, self.south),
            (East, self.east),
            (North, self.north),
        ];
        if let Some((bound, _)) = bounds.iter().find(|(_, v)| !v.is_finite()) {
            return err(*bound, "coordinates must be finite numbers");
        }
        for (bound, v) in [(South, self.south), (North, self.north)] {
            if !(-90.0..=90.0).contains(&v) {
                return err(bound, "latitude outside [-90, 90]");
            }
        }
        if self.south > self.north {
            return err(South, "south is greater than north");
        }
        for (bound, v) in [(West, self.west), (East, self.east)] {
            if !(-180.0..=180.0).contains(&v) {
                return err(bound, "longitude outside [-180, 180]");
            }
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
