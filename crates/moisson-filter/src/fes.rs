//! OGC Filter Encoding 1.1 (`ogc:Filter`) → `Expr`.
//!
//! Spatial operators compare the record's boxes with the envelope of the GML geometry
//! (see [`crate::gml`]). Approximations, documented for clients: `Equals` is
//! `Within AND Contains` (some box of the record equals the envelope, when it has one box);
//! `Overlaps`, `Crosses` and `Touches` are `Intersects`. `DWithin` and `Beyond` are refused.

use moisson_model::{CmpOp, Expr, Property, SpatialOp, Value};

use crate::queryables::{self, Queryable};
use crate::xml::{self, Element};
use crate::{Result, gml, invalid};

/// Parses a filter document (its root must be `ogc:Filter`).
pub fn parse_filter_xml(text: &str) -> Result<Expr> {
    parse_filter(&xml::parse(text)?)
}

/// Compiles an `ogc:Filter` element.
pub fn parse_filter(filter: &Element) -> Result<Expr> {
    if filter.local != "Filter" {
        return Err(invalid(format!(
            "expected ogc:Filter, found {}",
            filter.local
        )));
    }
    let ids: Vec<&Element> = filter
        .children
        .iter()
        .filter(|c| c.local == "FeatureId" || c.local == "GmlObjectId")
        .collect();
    if !ids.is_empty() {
        return ids_expr(&ids);
    }
    match &filter.children[..] {
        [one] => operator(one),
        [] => Err(invalid("empty ogc:Filter")),
        _ => Err(invalid(
            "ogc:Filter holds more than one operator; combine them with ogc:And",
        )),
    }
}

fn ids_expr(ids: &[&Element]) -> Result<Expr> {
    let values = ids
        .iter()
        .map(|e| {
            e.attr("fid")
                .or_else(|| e.attr("id"))
                .map(|v| Value::Text(v.to_owned()))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| invalid("FeatureId/GmlObjectId without fid or gml:id"))?;
    Ok(Expr::In {
        property: Property::Identifier,
        values,
    })
}

fn operator(el: &Element) -> Result<Expr> {
    let cmp = |op| comparison(el, op);
    match el.local.as_str() {
        "And" | "Or" => {
            let parts = el
                .children
                .iter()
                .map(operator)
                .collect::<Result<Vec<_>>>()?;
            if parts.len() < 2 {
                return Err(invalid(format!(
                    "ogc:{} needs at least two operands",
                    el.local
                )));
            }
            Ok(if el.local == "And" {
                Expr::And(parts)
            } else {
                Expr::Or(parts)
            })
        }
        "Not" => match &el.children[..] {
            [one] => Ok(Expr::Not(Box::new(operator(one)?))),
            _ => Err(invalid("ogc:Not needs exactly one operand")),
        },
        "PropertyIsEqualTo" => cmp(CmpOp::Eq),
        "PropertyIsNotEqualTo" => cmp(CmpOp::Ne),
        "PropertyIsLessThan" => cmp(CmpOp::Lt),
        "PropertyIsLessThanOrEqualTo" => cmp(CmpOp::Le),
        "PropertyIsGreaterThan" => cmp(CmpOp::Gt),
        "PropertyIsGreaterThanOrEqualTo" => cmp(CmpOp::Ge),
        "PropertyIsLike" => like(el),
        "PropertyIsNull" => Ok(Expr::IsNull(property_of(el)?)),
        "PropertyIsBetween" => between(el),
        "BBOX" | "Intersects" => spatial(el, SpatialOp::Intersects),
        "Overlaps" | "Crosses" | "Touches" => spatial(el, SpatialOp::Intersects),
        "Within" => spatial(el, SpatialOp::Within),
        "Contains" => spatial(el, SpatialOp::Contains),
        "Disjoint" => spatial(el, SpatialOp::Disjoint),
        "Equals" => Ok(Expr::And(vec![
            spatial(el, SpatialOp::Within)?,
            spatial(el, SpatialOp::Contains)?,
        ])),
        other => Err(invalid(format!("unsupported filter operator ogc:{other}"))),
    }
}

/// The `ogc:PropertyName` of an operator, resolved to a property.
fn property_of(el: &Element) -> Result<Property> {
    let name = el
        .child_text("PropertyName")
        .ok_or_else(|| invalid(format!("ogc:{} without ogc:PropertyName", el.local)))?;
    queryables::property(name)
}

fn literal(el: &Element) -> Result<String> {
    let lit = el
        .child("Literal")
        .ok_or_else(|| invalid(format!("ogc:{} without ogc:Literal", el.local)))?;
    // A literal may wrap an element (e.g. a date); take its text.
    Ok(if lit.children.is_empty() {
        lit.trimmed().to_owned()
    } else {
        lit.children[0].trimmed().to_owned()
    })
}

fn match_case(el: &Element) -> bool {
    !matches!(el.attr("matchCase"), Some("false" | "0"))
}

/// The FES 1.1 functions pycsw answers that apply to a property's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Upper,
    Lower,
    /// `trim`, `ltrim`, `rtrim`: the index keeps texts trimmed already.
    Trim,
}

/// The `ogc:Function` wrapping the property of an operator, if any.
fn function_of(el: &Element) -> Result<Option<(Function, Property)>> {
    let Some(f) = el.child("Function") else {
        return Ok(None);
    };
    let name = f.attr("name").unwrap_or_default();
    let function = match name.to_ascii_lowercase().as_str() {
        "upper" => Function::Upper,
        "lower" => Function::Lower,
        "trim" | "ltrim" | "rtrim" => Function::Trim,
        "length" => {
            return Err(invalid(
                "ogc:Function length is not supported; use upper, lower or trim",
            ));
        }
        _ => return Err(invalid(format!("unknown ogc:Function {name:?}"))),
    };
    let property = f
        .child_text("PropertyName")
        .ok_or_else(|| invalid(format!("ogc:Function {name} without ogc:PropertyName")))?;
    Ok(Some((function, queryables::property(property)?)))
}

/// `upper(p) = 'TEXT'` (or `lower`): `p` equals the text without regard to case, when the
/// text is in that case at all; else nothing matches.
fn folded_equality(function: Function, property: Property, value: &str, op: CmpOp) -> Result<Expr> {
    let folded = match function {
        Function::Upper => value.to_uppercase(),
        Function::Lower => value.to_lowercase(),
        Function::Trim => unreachable!("trim compares as is"),
    };
    let equal = if folded == value {
        Expr::Like {
            property: property.clone(),
            pattern: escape_like(value),
            case_insensitive: true,
        }
    } else {
        Expr::Not(Box::new(Expr::All))
    };
    match op {
        CmpOp::Eq => Ok(equal),
        CmpOp::Ne => Ok(crate::not_equal(property, equal)),
        _ => Err(invalid(
            "ogc:Function upper and lower apply to PropertyIsEqualTo, NotEqualTo and Like",
        )),
    }
}

fn comparison(el: &Element, op: CmpOp) -> Result<Expr> {
    let literal_first = el.children.first().is_some_and(|c| c.local == "Literal");
    let op = if literal_first { flip(op) } else { op };
    let function = function_of(el)?;
    if let Some((f @ (Function::Upper | Function::Lower), property)) = function {
        return folded_equality(f, property, &literal(el)?, op);
    }
    let property = match function {
        Some((_, property)) => property,
        None => property_of(el)?,
    };
    let Value::Text(value) = queryables::stored_form(&property, Value::Text(literal(el)?)) else {
        unreachable!("text stays text")
    };
    if !match_case(el) && matches!(op, CmpOp::Eq | CmpOp::Ne) && property != Property::AnyText {
        let like = Expr::Like {
            property: property.clone(),
            pattern: escape_like(&value),
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
        value: Value::Text(value),
    })
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// A literal as a LIKE pattern matching exactly itself.
#[must_use]
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn like(el: &Element) -> Result<Expr> {
    let function = function_of(el)?;
    let folded = matches!(function, Some((Function::Upper | Function::Lower, _)));
    let property = match function {
        Some((_, property)) => property,
        None => property_of(el)?,
    };
    // Filter 1.1 requires wildCard and singleChar; a request without them gets what
    // pycsw (CITE's reference implementation) and OWSLib assume: SQL's `%` and `_`.
    let wild = el.attr("wildCard").unwrap_or("%");
    let single = el.attr("singleChar").unwrap_or("_");
    let escape = el
        .attr("escapeChar")
        .or_else(|| el.attr("escape"))
        .unwrap_or("\\");
    let pattern = like_pattern(&literal(el)?, wild, single, escape)?;
    Ok(Expr::Like {
        property,
        pattern,
        case_insensitive: folded || !match_case(el),
    })
}

/// Translates a Filter pattern into the AST's `%`/`_`/`\` pattern.
pub fn like_pattern(text: &str, wild: &str, single: &str, escape: &str) -> Result<String> {
    let one = |s: &str, what| {
        let mut cs = s.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(invalid(format!("{what} must be a single character"))),
        }
    };
    // An empty escapeChar (clients send `escapeChar=""`) escapes nothing.
    let (wild, single, escape) = (
        one(wild, "wildCard")?,
        one(single, "singleChar")?,
        if escape.is_empty() {
            None
        } else {
            Some(one(escape, "escapeChar")?)
        },
    );
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if Some(c) == escape {
            match chars.next() {
                Some(next) => out.push_str(&escape_like(&next.to_string())),
                None => out.push_str(&escape_like(&c.to_string())),
            }
        } else if c == wild {
            out.push('%');
        } else if c == single {
            out.push('_');
        } else {
            out.push_str(&escape_like(&c.to_string()));
        }
    }
    Ok(out)
}

fn between(el: &Element) -> Result<Expr> {
    let property = property_of(el)?;
    let bound = |name: &str| {
        el.child(name)
            .map(|b| {
                b.child_text("Literal")
                    .unwrap_or_else(|| b.trimmed())
                    .to_owned()
            })
            .ok_or_else(|| invalid(format!("ogc:PropertyIsBetween without ogc:{name}")))
    };
    Ok(Expr::Between {
        property,
        low: Value::Text(bound("LowerBoundary")?),
        high: Value::Text(bound("UpperBoundary")?),
    })
}

fn spatial(el: &Element, op: SpatialOp) -> Result<Expr> {
    // The record's one geometry, however the path to it is written (`/ows:BoundingBox`
    // too, as pycsw takes it).
    if let Some(name) = el.child_text("PropertyName")
        && !matches!(
            queryables::local_name(name).as_str(),
            "boundingbox" | "envelope"
        )
        && queryables::lookup(name)? != Queryable::BoundingBox
    {
        return Err(invalid(format!(
            "spatial operators apply to ows:BoundingBox, not {name}"
        )));
    }
    let geometry = el
        .children
        .iter()
        .find(|c| c.local != "PropertyName")
        .ok_or_else(|| invalid(format!("ogc:{} without a geometry", el.local)))?;
    Ok(Expr::Spatial {
        op,
        bbox: gml::geometry_bbox(geometry)?,
    })
}

#[cfg(test)]
mod tests;
