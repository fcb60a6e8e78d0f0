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
//! - All temporal functions (Allen's relations) over the temporal extent `time` or a
//!   date property (an instant); a record with several temporal extents matches when
//!   its begins and ends, each taken from any of them, satisfy the relation.

mod spatial;
mod temporal;

use moisson_model::{CmpOp, Expr, Property, SpatialOp, Value};

use spatial::shape;
use temporal::{Side, mirror_temporal, relation, time_range};

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
        let value = crate::queryables::stored_form(&property, literal(unwrap_fold(lit))?);
        if prop.folded && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let Value::Text(text) = value else {
                return Err(invalid("CASEI/ACCENTI apply to text"));
            };
            let like = Expr::Like {
                property: property.clone(),
                pattern: escape_like(&text),
                case_insensitive: true,
            };
            return Ok(if op == CmpOp::Ne {
                crate::not_equal(property, like)
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
            Cql2Target::Time => relation(op, &Side::extent(), &range),
            Cql2Target::Property(p) => relation(op, &Side::instant(p), &range),
            Cql2Target::Geometry => Err(invalid("the geometry has no time")),
        }
    }
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
