//! CQL2 text and JSON (OGC 21-065r2) → the model's `Expr`, parsed by the `cql2` crate.
//!
//! The caller resolves property names (its queryables) to a [`Cql2Target`]; everything
//! else is mapped here. What maps exactly:
//! - Basic CQL2 (`=`, `<>`, `<`, `<=`, `>`, `>=`, `IS NULL`, `AND`, `OR`, `NOT`) and the
//!   advanced comparison operators (`LIKE`, `BETWEEN`, `IN`); `CASEI`/`ACCENTI` turn an
//!   equality or `LIKE` into the store's case- and accent-insensitive match.
//! - Spatial functions over the record geometry (its bounding boxes): `S_INTERSECTS`,
//!   `S_DISJOINT` and `S_WITHIN` with a point, a `BBOX` or an axis-aligned rectangle;
//!   `S_CONTAINS` with any geometry (a box contains a geometry iff it contains its
//!   envelope). Other geometries are refused rather than approximated.
//! - Temporal functions `T_INTERSECTS`, `T_DURING`, `T_DISJOINT`, `T_BEFORE`, `T_AFTER`,
//!   `T_EQUALS` over the temporal extent or over date properties.

use moisson_model::{Bbox, CmpOp, Expr, Property, SpatialOp, TemporalOp, TimeRange, Value};
use serde_json::Value as Json;

use crate::{Error, Result, invalid};

type Cql = ::cql2::Expr;

/// What a CQL2 property name denotes for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cql2Target {
    /// A comparable property (dates compare as ISO text).
    Property(Property),
    /// The record's geographic extents (spatial functions only).
    Geometry,
    /// The record's temporal extents (temporal functions only).
    Time,
}

/// Parses cql2-text; `resolve` maps a property name to what it denotes (`None`: unknown).
pub fn parse_cql2_text(text: &str, resolve: &dyn Fn(&str) -> Option<Cql2Target>) -> Result<Expr> {
    let cql = ::cql2::parse_text(text).map_err(|e| invalid(format!("cql2-text: {e}")))?;
    Mapper { resolve }.expr(&cql)
}

/// Parses cql2-json; `resolve` as for [`parse_cql2_text`].
pub fn parse_cql2_json(json: &str, resolve: &dyn Fn(&str) -> Option<Cql2Target>) -> Result<Expr> {
    let cql = ::cql2::parse_json(json).map_err(|e| invalid(format!("cql2-json: {e}")))?;
    Mapper { resolve }.expr(&cql)
}

struct Mapper<'a> {
    resolve: &'a dyn Fn(&str) -> Option<Cql2Target>,
}

/// A property operand, with whether it was wrapped in `CASEI`/`ACCENTI`.
struct Operand {
    target: Cql2Target,
    folded: bool,
}

impl Mapper<'_> {
    fn expr(&self, e: &Cql) -> Result<Expr> {
        match e {
            Cql::Bool(true) => Ok(Expr::All),
            Cql::Bool(false) => Ok(Expr::Or(Vec::new())),
            Cql::Operation { op, args } => self.operation(op, args),
            other => Err(invalid(format!("not a predicate: {}", describe(other)))),
        }
    }

    fn operation(&self, op: &str, args: &[Box<Cql>]) -> Result<Expr> {
        match op {
            "and" => Ok(Expr::And(self.all(args)?)),
            "or" => Ok(Expr::Or(self.all(args)?)),
            "not" => Ok(Expr::Not(Box::new(self.expr(arg(op, args, 0)?)?))),
            "=" | "<>" | "<" | "<=" | ">" | ">=" => self.comparison(op, args),
            "like" => self.like(args),
            "between" => self.between(args),
            "in" => self.in_list(args),
            "isNull" => Ok(Expr::IsNull(self.property(arg(op, args, 0)?)?)),
            s if s.starts_with("s_") => self.spatial(op, args),
            t if t.starts_with("t_") => self.temporal(op, args),
            other => Err(invalid(format!("operator {other:?} is not supported"))),
        }
    }

    fn all(&self, args: &[Box<Cql>]) -> Result<Vec<Expr>> {
        args.iter().map(|a| self.expr(a)).collect()
    }

    /// A property operand, possibly wrapped in `CASEI(…)` / `ACCENTI(…)`; `None` if not one.
    fn operand(&self, e: &Cql) -> Result<Option<Operand>> {
        match e {
            Cql::Property { property } => {
                let target = (self.resolve)(property)
                    .ok_or_else(|| Error::UnknownQueryable(property.clone()))?;
                Ok(Some(Operand {
                    target,
                    folded: false,
                }))
            }
            Cql::Operation { op, args } if op == "casei" || op == "accenti" => Ok(self
                .operand(arg(op, args, 0)?)?
                .map(|o| Operand { folded: true, ..o })),
            _ => Ok(None),
        }
    }

    fn property(&self, e: &Cql) -> Result<Property> {
        match self.operand(e)? {
            Some(Operand {
                target: Cql2Target::Property(p),
                ..
            }) => Ok(p),
            Some(_) => Err(invalid(
                "geometry and time can only be used in spatial and temporal functions",
            )),
            None => Err(invalid(format!(
                "expected a property, found {}",
                describe(e)
            ))),
        }
    }

    fn comparison(&self, op: &str, args: &[Box<Cql>]) -> Result<Expr> {
        let (l, r) = (arg(op, args, 0)?, arg(op, args, 1)?);
        let (prop, lit, op) = match (self.operand(l)?, self.operand(r)?) {
            (Some(p), None) => (p, r, cmp_op(op, false)),
            (None, Some(p)) => (p, l, cmp_op(op, true)),
            _ => return Err(invalid("a comparison needs one property and one literal")),
        };
        let Cql2Target::Property(property) = prop.target else {
            return Err(invalid(
                "geometry and time cannot be compared; use S_ or T_ functions",
            ));
        };
        let value = literal(unwrap_fold(lit))?;
        if prop.folded && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let Value::Text(text) = value else {
                return Err(invalid("CASEI/ACCENTI apply to text"));
            };
            let like = Expr::Like {
                property,
                pattern: escape_like(&text),
                case_insensitive: true,
            };
            return Ok(if op == CmpOp::Ne {
                Expr::Not(Box::new(like))
            } else {
                like
            });
        }
        Ok(Expr::Compare {
            property,
            op,
            value,
        })
    }

    fn like(&self, args: &[Box<Cql>]) -> Result<Expr> {
        let Some(Operand {
            target: Cql2Target::Property(property),
            folded,
        }) = self.operand(arg("like", args, 0)?)?
        else {
            return Err(invalid("LIKE needs a property on its left"));
        };
        let pattern = arg("like", args, 1)?;
        let folded = folded
            || matches!(pattern, Cql::Operation { op, .. } if op == "casei" || op == "accenti");
        let Value::Text(pattern) = literal(unwrap_fold(pattern))? else {
            return Err(invalid("a LIKE pattern must be text"));
        };
        Ok(Expr::Like {
            property,
            pattern,
            case_insensitive: folded,
        })
    }

    fn between(&self, args: &[Box<Cql>]) -> Result<Expr> {
        let property = self.property(arg("between", args, 0)?)?;
        let low = literal(arg("between", args, 1)?)?;
        let high = literal(arg("between", args, 2)?)?;
        Ok(Expr::Between {
            property,
            low,
            high,
        })
    }

    fn in_list(&self, args: &[Box<Cql>]) -> Result<Expr> {
        let property = self.property(arg("in", args, 0)?)?;
        let Cql::Array(items) = arg("in", args, 1)? else {
            return Err(invalid("IN needs a list of values"));
        };
        let values = items.iter().map(|v| literal(v)).collect::<Result<_>>()?;
        Ok(Expr::In { property, values })
    }

    /// The operands of a binary function as (is the property first?, the other operand).
    fn geometry_operands<'e>(
        &self,
        op: &str,
        args: &'e [Box<Cql>],
        want: &Cql2Target,
    ) -> Result<(bool, &'e Cql)> {
        let (l, r) = (arg(op, args, 0)?, arg(op, args, 1)?);
        let is_target =
            |e: &Cql| -> Result<bool> { Ok(self.operand(e)?.is_some_and(|o| o.target == *want)) };
        if is_target(l)? {
            Ok((true, r))
        } else if is_target(r)? {
            Ok((false, l))
        } else {
            Err(invalid(format!(
                "{} needs the {} property as one operand",
                op.to_uppercase(),
                name(want)
            )))
        }
    }

    fn spatial(&self, op: &str, args: &[Box<Cql>]) -> Result<Expr> {
        let (first, other) = self.geometry_operands(op, args, &Cql2Target::Geometry)?;
        let shape = shape(other)?;
        let op = match (op, first) {
            ("s_intersects", _) => SpatialOp::Intersects,
            ("s_disjoint", _) => SpatialOp::Disjoint,
            ("s_within", true) | ("s_contains", false) => SpatialOp::Within,
            ("s_contains", true) | ("s_within", false) => SpatialOp::Contains,
            (other, _) => {
                return Err(invalid(format!(
                    "spatial function {} is not supported",
                    other.to_uppercase()
                )));
            }
        };
        if op != SpatialOp::Contains && !shape.exact {
            return Err(invalid(format!(
                "{op:?} is only supported with a point, a BBOX or an axis-aligned rectangle"
            )));
        }
        Ok(Expr::Spatial {
            op,
            bbox: shape.bbox,
        })
    }

    fn temporal(&self, op: &str, args: &[Box<Cql>]) -> Result<Expr> {
        let (l, r) = (arg(op, args, 0)?, arg(op, args, 1)?);
        let (target, other, swapped) = match (self.operand(l)?, self.operand(r)?) {
            (Some(p), None) => (p.target, r, false),
            (None, Some(p)) => (p.target, l, true),
            _ => {
                return Err(invalid(format!(
                    "{} needs one property and one time literal",
                    op.to_uppercase()
                )));
            }
        };
        let op = if swapped { mirror_temporal(op) } else { op };
        let range = time_range(other)?;
        match target {
            Cql2Target::Time => extent_relation(op, range),
            Cql2Target::Property(p) => instant_relation(op, p, range),
            Cql2Target::Geometry => Err(invalid("the geometry has no time")),
        }
    }
}

/// `f(a, b)` as `g(b, a)`: the relations whose meaning changes with the order.
fn mirror_temporal(op: &str) -> &str {
    match op {
        "t_before" => "t_after",
        "t_after" => "t_before",
        "t_during" => "t_contains",
        "t_contains" => "t_during",
        other => other,
    }
}

/// A relation between the record's temporal extents and a range.
fn extent_relation(op: &str, range: TimeRange) -> Result<Expr> {
    let text = |s: &String| Value::Text(s.clone());
    Ok(match op {
        "t_intersects" => Expr::Temporal {
            op: TemporalOp::Intersects,
            range,
        },
        "t_during" => Expr::Temporal {
            op: TemporalOp::During,
            range,
        },
        "t_disjoint" => Expr::Not(Box::new(Expr::Temporal {
            op: TemporalOp::Intersects,
            range,
        })),
        "t_before" => match &range.start {
            Some(s) => Expr::Compare {
                property: Property::TempExtentEnd,
                op: CmpOp::Lt,
                value: text(s),
            },
            None => Expr::Or(Vec::new()),
        },
        "t_after" => match &range.end {
            Some(e) => Expr::Compare {
                property: Property::TempExtentBegin,
                op: CmpOp::Gt,
                value: text(e),
            },
            None => Expr::Or(Vec::new()),
        },
        "t_equals" => {
            let end = |p: Property, v: &Option<String>| match v {
                Some(v) => Expr::Compare {
                    property: p,
                    op: CmpOp::Eq,
                    value: text(v),
                },
                None => Expr::IsNull(p),
            };
            end(Property::TempExtentBegin, &range.start)
                .and(end(Property::TempExtentEnd, &range.end))
        }
        other => return Err(unsupported_temporal(other)),
    })
}

/// A relation between an instant property and a range.
fn instant_relation(op: &str, property: Property, range: TimeRange) -> Result<Expr> {
    let cmp = |op: CmpOp, v: &String| Expr::Compare {
        property: property.clone(),
        op,
        value: Value::Text(v.clone()),
    };
    let bound = |o: &Option<String>, op: CmpOp| o.as_ref().map_or(Expr::All, |v| cmp(op, v));
    let none = Expr::Or(Vec::new());
    Ok(match op {
        "t_intersects" | "t_equals" if range.start == range.end => {
            range.start.as_ref().map_or(none, |v| cmp(CmpOp::Eq, v))
        }
        "t_intersects" => bound(&range.start, CmpOp::Ge).and(bound(&range.end, CmpOp::Le)),
        "t_during" => bound(&range.start, CmpOp::Gt).and(bound(&range.end, CmpOp::Lt)),
        "t_disjoint" => Expr::Not(Box::new(
            bound(&range.start, CmpOp::Ge).and(bound(&range.end, CmpOp::Le)),
        )),
        "t_before" => range.start.as_ref().map_or(none, |v| cmp(CmpOp::Lt, v)),
        "t_after" => range.end.as_ref().map_or(none, |v| cmp(CmpOp::Gt, v)),
        other => return Err(unsupported_temporal(other)),
    })
}

fn unsupported_temporal(op: &str) -> Error {
    invalid(format!(
        "temporal function {} is not supported; use T_INTERSECTS, T_DURING, T_DISJOINT, T_BEFORE, T_AFTER or T_EQUALS",
        op.to_uppercase()
    ))
}

fn arg<'e>(op: &str, args: &'e [Box<Cql>], i: usize) -> Result<&'e Cql> {
    args.get(i)
        .map(|b| &**b)
        .ok_or_else(|| invalid(format!("{op} is missing operand {}", i + 1)))
}

fn unwrap_fold(e: &Cql) -> &Cql {
    match e {
        Cql::Operation { op, args } if (op == "casei" || op == "accenti") && args.len() == 1 => {
            unwrap_fold(&args[0])
        }
        other => other,
    }
}

/// `prop OP lit`, or `lit OP prop` turned around.
fn cmp_op(op: &str, swapped: bool) -> CmpOp {
    match (op, swapped) {
        ("<>", _) => CmpOp::Ne,
        ("<", false) | (">", true) => CmpOp::Lt,
        ("<=", false) | (">=", true) => CmpOp::Le,
        (">", false) | ("<", true) => CmpOp::Gt,
        (">=", false) | ("<=", true) => CmpOp::Ge,
        _ => CmpOp::Eq,
    }
}

fn literal(e: &Cql) -> Result<Value> {
    match e {
        Cql::Literal(s) => Ok(Value::Text(s.clone())),
        Cql::Float(f) => Ok(Value::Number(*f)),
        Cql::Bool(b) => Ok(Value::Bool(*b)),
        Cql::Date { date: inner } | Cql::Timestamp { timestamp: inner } => literal(inner),
        other => Err(invalid(format!(
            "expected a literal value, found {}",
            describe(other)
        ))),
    }
}

/// An instant or interval literal as a range; `..` is an open end.
fn time_range(e: &Cql) -> Result<TimeRange> {
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

/// A geometry literal as its envelope; `exact` when the envelope is the geometry itself
/// (a point, a BBOX, an axis-aligned rectangle).
struct Shape {
    bbox: Bbox,
    exact: bool,
}

fn shape(e: &Cql) -> Result<Shape> {
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

/// Escapes `%`, `_` and `\` so that a text matches itself in a LIKE pattern.
fn escape_like(text: &str) -> String {
    text.chars().fold(String::new(), |mut s, c| {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
        s
    })
}

fn name(t: &Cql2Target) -> &'static str {
    match t {
        Cql2Target::Geometry => "geometry",
        Cql2Target::Time => "time",
        Cql2Target::Property(_) => "a",
    }
}

fn describe(e: &Cql) -> String {
    e.to_text().unwrap_or_else(|_| format!("{e:?}"))
}

#[cfg(test)]
mod tests;
