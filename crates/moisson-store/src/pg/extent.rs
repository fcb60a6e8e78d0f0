//! The spatial and temporal parts of the compiler: bounding-box predicates through the
//! GiST index on `record_boxes.geom` (antimeridian-aware on both sides, confirmed on the
//! exact coordinates as on SQLite) and temporal-extent predicates with open ends and
//! "now".

use moisson_model::{Bbox, SpatialOp, TemporalOp, TimeRange};

use super::compile::{Compiler, cmp};
use super::params::Param;
use super::target::{Kind, TEMPORAL_END};
use crate::text::normalise_date;

/// Placeholders of one query box part: west, south, east, north.
struct Part {
    w: String,
    s: String,
    e: String,
    n: String,
}

impl Part {
    fn envelope(&self) -> String {
        format!(
            "ST_MakeEnvelope({}, {}, {}, {}, 4326)",
            self.w, self.s, self.e, self.n
        )
    }

    /// `alias`'s box shares a point with this part.
    fn intersects(&self, a: &str) -> String {
        format!(
            "{a}.west <= {e} AND {a}.east >= {w} AND {a}.south <= {n} AND {a}.north >= {s}",
            w = self.w,
            s = self.s,
            e = self.e,
            n = self.n
        )
    }

    /// `alias`'s box lies within this part.
    fn holds(&self, a: &str) -> String {
        format!(
            "{a}.west >= {w} AND {a}.east <= {e} AND {a}.south >= {s} AND {a}.north <= {n}",
            w = self.w,
            s = self.s,
            e = self.e,
            n = self.n
        )
    }

    /// `alias`'s box contains this part.
    fn held_by(&self, a: &str) -> String {
        format!(
            "{a}.west <= {w} AND {a}.east >= {e} AND {a}.south <= {s} AND {a}.north >= {n}",
            w = self.w,
            s = self.s,
            e = self.e,
            n = self.n
        )
    }
}

impl Compiler {
    pub(crate) fn spatial(&mut self, op: SpatialOp, bbox: &Bbox) -> String {
        let parts: Vec<Part> = bbox
            .split_at_antimeridian()
            .iter()
            .map(|b| Part {
                w: self.bind(Param::Real(b.west)),
                s: self.bind(Param::Real(b.south)),
                e: self.bind(Param::Real(b.east)),
                n: self.bind(Param::Real(b.north)),
            })
            .collect();
        let intersects = intersects(&parts);
        match op {
            SpatialOp::Intersects => intersects,
            SpatialOp::Disjoint => format!("NOT ({intersects})"),
            SpatialOp::Within => {
                // Some extent all of whose parts lie within some part of the query.
                let inside = parts
                    .iter()
                    .map(|p| format!("({})", p.holds("c")))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                format!(
                    "{intersects} AND EXISTS (SELECT 1 FROM record_boxes b WHERE b.rid = r.rid AND NOT EXISTS \
                     (SELECT 1 FROM record_boxes c WHERE c.rid = b.rid AND c.extent_no = b.extent_no AND NOT ({inside})))"
                )
            }
            SpatialOp::Contains => {
                // Some extent such that every part of the query lies within one of its parts.
                let each = parts
                    .iter()
                    .map(|p| {
                        format!(
                            "EXISTS (SELECT 1 FROM record_boxes c WHERE c.rid = b.rid AND c.extent_no = b.extent_no AND {})",
                            p.held_by("c")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" AND ");
                format!(
                    "{intersects} AND EXISTS (SELECT 1 FROM record_boxes b WHERE b.rid = r.rid AND {each})"
                )
            }
        }
    }

    pub(crate) fn temporal(&mut self, op: TemporalOp, range: &TimeRange) -> String {
        let mut bind = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| self.bind(Param::Text(normalise_date(v))))
        };
        let (start, end) = (bind(&range.start), bind(&range.end));
        let e = format!("({TEMPORAL_END})");
        let conds: Vec<String> = match op {
            TemporalOp::Intersects => [
                end.map(|q| {
                    format!(
                        "(c.begin_date IS NULL OR {})",
                        cmp("c.begin_date", "<=", &q, Kind::Date)
                    )
                }),
                start.map(|q| format!("({e} IS NULL OR {})", cmp(&e, ">=", &q, Kind::Date))),
            ]
            .into_iter()
            .flatten()
            .collect(),
            TemporalOp::During => [
                start.map(|q| {
                    format!(
                        "(c.begin_date IS NOT NULL AND {})",
                        cmp("c.begin_date", ">=", &q, Kind::Date)
                    )
                }),
                end.map(|q| format!("({e} IS NOT NULL AND {})", cmp(&e, "<=", &q, Kind::Date))),
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        let conds = if conds.is_empty() {
            "TRUE".to_owned()
        } else {
            conds.join(" AND ")
        };
        format!("EXISTS (SELECT 1 FROM record_temporal c WHERE c.rid = r.rid AND {conds})")
    }
}

/// Candidates from the GiST index (`&&`: bounding boxes share a point, edges
/// included), confirmed on the exact coordinates.
fn intersects(parts: &[Part]) -> String {
    let branches: Vec<String> = parts
        .iter()
        .map(|p| {
            format!(
                "SELECT b.rid FROM record_boxes b WHERE b.geom && {} AND {}",
                p.envelope(),
                p.intersects("b")
            )
        })
        .collect();
    format!("r.rid IN ({})", branches.join(" UNION "))
}
