//! CQL2 temporal functions over the temporal extent (`time`) or a date property.

use moisson_model::{CmpOp, Expr, Property, TemporalOp, TimeRange, Value};

use super::{Cql, describe, literal};
use crate::{Result, invalid};

/// `f(a, b)` as `g(b, a)`: the relations whose meaning changes with the order.
pub(super) fn mirror_temporal(op: &str) -> &str {
    match op {
        "t_before" => "t_after",
        "t_after" => "t_before",
        "t_during" => "t_contains",
        "t_contains" => "t_during",
        "t_meets" => "t_metBy",
        "t_metBy" => "t_meets",
        "t_overlaps" => "t_overlappedBy",
        "t_overlappedBy" => "t_overlaps",
        "t_starts" => "t_startedBy",
        "t_startedBy" => "t_starts",
        "t_finishes" => "t_finishedBy",
        "t_finishedBy" => "t_finishes",
        other => other,
    }
}

/// The record side of a temporal relation: where its begin and end are read.
#[derive(Debug, Clone)]
pub(super) struct Side {
    pub(super) begin: Property,
    pub(super) end: Property,
    /// The temporal extent (`time`): intersection uses the store's own test, which
    /// honours open ends and "now".
    pub(super) extent: bool,
}

impl Side {
    pub(super) fn extent() -> Self {
        Self {
            begin: Property::TempExtentBegin,
            end: Property::TempExtentEnd,
            extent: true,
        }
    }

    /// An instant property: begin and end are the same value.
    pub(super) fn instant(p: Property) -> Self {
        Self {
            begin: p.clone(),
            end: p,
            extent: false,
        }
    }
}

/// A bound of the literal; `None` is open: −∞ at the start, +∞ at the end.
#[derive(Clone, Copy)]
enum Bound<'a> {
    Start(Option<&'a String>),
    End(Option<&'a String>),
}

/// `property OP bound`, with an infinite bound decided here.
fn cmp(property: &Property, op: CmpOp, bound: Bound<'_>) -> Expr {
    let never = Expr::Or(Vec::new());
    match bound {
        Bound::Start(Some(v)) | Bound::End(Some(v)) => Expr::Compare {
            property: property.clone(),
            op,
            value: Value::Text(v.clone()),
        },
        Bound::Start(None) if matches!(op, CmpOp::Gt | CmpOp::Ge | CmpOp::Ne) => Expr::All,
        Bound::End(None) if matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Ne) => Expr::All,
        _ => never,
    }
}

/// A CQL2 temporal relation (OGC 21-065r2 §7.11: Allen's relations over the record's
/// `[begin, end]` and the literal's `[start, end]`).
pub(super) fn relation(op: &str, side: &Side, range: &TimeRange) -> Result<Expr> {
    use CmpOp::{Eq, Gt, Lt};
    let (b, e) = (&side.begin, &side.end);
    let (s, f) = (
        Bound::Start(range.start.as_ref()),
        Bound::End(range.end.as_ref()),
    );
    let intersects = || {
        if side.extent {
            Expr::Temporal {
                op: TemporalOp::Intersects,
                range: range.clone(),
            }
        } else {
            cmp(b, CmpOp::Le, f).and(cmp(e, CmpOp::Ge, s))
        }
    };
    Ok(match op {
        "t_intersects" => intersects(),
        "t_disjoint" => Expr::Not(Box::new(intersects())),
        "t_before" => cmp(e, Lt, s),
        "t_after" => cmp(b, Gt, f),
        "t_meets" => cmp(e, Eq, s),
        "t_metBy" => cmp(b, Eq, f),
        "t_overlaps" => cmp(b, Lt, s).and(cmp(e, Gt, s)).and(cmp(e, Lt, f)),
        "t_overlappedBy" => cmp(b, Gt, s).and(cmp(b, Lt, f)).and(cmp(e, Gt, f)),
        "t_starts" => cmp(b, Eq, s).and(cmp(e, Lt, f)),
        "t_startedBy" => cmp(b, Eq, s).and(cmp(e, Gt, f)),
        "t_during" => cmp(b, Gt, s).and(cmp(e, Lt, f)),
        "t_contains" => cmp(b, Lt, s).and(cmp(e, Gt, f)),
        "t_finishes" => cmp(b, Gt, s).and(cmp(e, Eq, f)),
        "t_finishedBy" => cmp(b, Lt, s).and(cmp(e, Eq, f)),
        "t_equals" => cmp(b, Eq, s).and(cmp(e, Eq, f)),
        other => {
            return Err(invalid(format!(
                "{} is not a temporal function",
                other.to_uppercase()
            )));
        }
    })
}

/// An instant or interval literal as a range; `..` is an open end.
pub(super) fn time_range(e: &Cql) -> Result<TimeRange> {
    let instant = |e: &Cql| -> Result<Option<String>> {
        match literal(e)? {
            Value::Text(s) if s == ".." || s.is_empty() => Ok(None),
            Value::Text(s) => Ok(Some(s)),
            _ => Err(invalid("a time literal must be a date or timestamp")),
        }
    };
    match e {
        Cql::Interval { interval } if interval.len() == 2 => Ok(TimeRange {
            start: instant(&interval[0])?,
            end: instant(&interval[1])?,
        }),
        Cql::Date { .. } | Cql::Timestamp { .. } | Cql::Literal(_) => {
            let v = instant(e)?;
            Ok(TimeRange {
                start: v.clone(),
                end: v,
            })
        }
        other => Err(invalid(format!(
            "expected a DATE, TIMESTAMP or INTERVAL, found {}",
            describe(other)
        ))),
    }
}
