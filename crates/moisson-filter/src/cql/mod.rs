//! OGC CQL text (CSW 2.0.2 `CONSTRAINTLANGUAGE=CQL_TEXT`) → `Expr`.
//!
//! Grammar: `OR`/`AND`/`NOT` and parentheses over predicates:
//! `prop = | <> | != | < | <= | > | >= literal`, `prop [NOT] LIKE|ILIKE 'pattern'`
//! (`%` any run, `_` one character, `\` escapes; `LIKE` ignores case as pycsw's SQLite
//! backend does, `ILIKE` too), `prop [NOT] BETWEEN a AND b`, `prop [NOT] IN (a, b…)`,
//! `prop IS [NOT] NULL`, `BBOX(prop, minx, miny, maxx, maxy[, 'crs'])` and
//! `INTERSECTS|WITHIN|CONTAINS|DISJOINT|EQUALS|OVERLAPS|TOUCHES|CROSSES(prop, WKT)` with
//! WKT `POINT`, `LINESTRING`, `POLYGON`, `MULTI*` or `ENVELOPE(minx, maxx, maxy, miny)` in
//! longitude/latitude. Literals are `'quoted'` (with `''` for a quote), numbers, dates or
//! `TRUE`/`FALSE`.

use moisson_model::{CmpOp, Expr, SpatialOp, Value};

use crate::gml::{self, AxisOrder};
use crate::queryables::{self, Queryable};
use crate::{Error, Result};

mod lex;

use lex::{Tok, lex};

/// Parses CQL text.
pub fn parse_cql(text: &str) -> Result<Expr> {
    let toks = lex(text)?;
    if toks.is_empty() {
        return Err(Error::Cql {
            position: 0,
            message: "empty expression".to_owned(),
        });
    }
    let mut p = Parser { toks, pos: 0 };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        return Err(p.error(&format!("unexpected {:?}", p.toks[p.pos].1)));
    }
    Ok(e)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
}

const SPATIAL: &[&str] = &[
    "BBOX",
    "INTERSECTS",
    "WITHIN",
    "CONTAINS",
    "DISJOINT",
    "EQUALS",
    "OVERLAPS",
    "TOUCHES",
    "CROSSES",
];

impl Parser {
    fn error(&self, message: &str) -> Error {
        let position = self
            .toks
            .get(self.pos)
            .map_or_else(|| self.toks.last().map_or(0, |t| t.0 + 1), |t| t.0);
        Error::Cql {
            position,
            message: message.to_owned(),
        }
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }

    fn next(&mut self) -> Result<Tok> {
        let t = self
            .toks
            .get(self.pos)
            .map(|t| t.1.clone())
            .ok_or_else(|| self.error("unexpected end"))?;
        self.pos += 1;
        Ok(t)
    }

    /// Consumes a keyword (case-insensitive) if it comes next.
    fn keyword(&mut self, kw: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw));
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn expect(&mut self, want: &Tok) -> Result<()> {
        if self.peek() == Some(want) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected {want:?}")))
        }
    }

    fn or(&mut self) -> Result<Expr> {
        let mut parts = vec![self.and()?];
        while self.keyword("OR") {
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr> {
        let mut parts = vec![self.not()?];
        while self.keyword("AND") {
            parts.push(self.not()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn not(&mut self) -> Result<Expr> {
        if self.keyword("NOT") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let e = self.or()?;
            self.expect(&Tok::RParen)?;
            return Ok(e);
        }
        self.predicate()
    }

    fn predicate(&mut self) -> Result<Expr> {
        let Tok::Word(name) = self.next()? else {
            return Err(self.error("expected a property name"));
        };
        let upper = name.to_ascii_uppercase();
        if SPATIAL.contains(&upper.as_str()) && self.peek() == Some(&Tok::LParen) {
            return self.spatial(&upper);
        }
        let property = queryables::property(&name)?;
        let negated = self.keyword("NOT");
        let e = if self.keyword("LIKE") || self.keyword("ILIKE") {
            let Tok::Str(pattern) = self.next()? else {
                return Err(self.error("LIKE needs a quoted pattern"));
            };
            Expr::Like {
                property,
                pattern,
                case_insensitive: true,
            }
        } else if self.keyword("BETWEEN") {
            let low = self.literal()?;
            if !self.keyword("AND") {
                return Err(self.error("expected AND in BETWEEN"));
            }
            Expr::Between {
                property,
                low,
                high: self.literal()?,
            }
        } else if self.keyword("IN") {
            self.expect(&Tok::LParen)?;
            let mut values = vec![self.literal()?];
            while self.peek() == Some(&Tok::Comma) {
                self.pos += 1;
                values.push(self.literal()?);
            }
            self.expect(&Tok::RParen)?;
            Expr::In { property, values }
        } else if !negated && self.keyword("IS") {
            let not_null = self.keyword("NOT");
            if !self.keyword("NULL") {
                return Err(self.error("expected NULL"));
            }
            let e = Expr::IsNull(property);
            return Ok(if not_null { Expr::Not(Box::new(e)) } else { e });
        } else if negated {
            return Err(self.error("expected LIKE, BETWEEN or IN after NOT"));
        } else {
            let Tok::Op(op) = self.next()? else {
                return Err(self.error("expected a comparison operator"));
            };
            let op = match op {
                "=" => CmpOp::Eq,
                "<>" | "!=" => CmpOp::Ne,
                "<" => CmpOp::Lt,
                "<=" => CmpOp::Le,
                ">" => CmpOp::Gt,
                _ => CmpOp::Ge,
            };
            let value = queryables::stored_form(&property, self.literal()?);
            Expr::Compare {
                property,
                op,
                value,
            }
        };
        Ok(if negated { Expr::Not(Box::new(e)) } else { e })
    }

    fn literal(&mut self) -> Result<Value> {
        match self.next()? {
            Tok::Str(s) | Tok::Num(s) => Ok(Value::Text(s)),
            Tok::Word(w) if w.eq_ignore_ascii_case("true") || w.eq_ignore_ascii_case("false") => {
                Ok(Value::Bool(w.eq_ignore_ascii_case("true")))
            }
            Tok::Word(w) if w.starts_with(|c: char| c.is_ascii_digit()) => Ok(Value::Text(w)),
            _ => {
                self.pos -= 1;
                Err(self.error("expected a literal"))
            }
        }
    }

    fn number(&mut self) -> Result<f64> {
        match self.next()? {
            Tok::Num(n) => n.parse().map_err(|_| self.error("bad number")),
            _ => {
                self.pos -= 1;
                Err(self.error("expected a number"))
            }
        }
    }

    fn spatial(&mut self, func: &str) -> Result<Expr> {
        self.expect(&Tok::LParen)?;
        let Tok::Word(prop) = self.next()? else {
            return Err(self.error("expected a property name"));
        };
        if queryables::lookup(&prop)? != Queryable::BoundingBox {
            return Err(crate::invalid(format!(
                "spatial operators apply to ows:BoundingBox, not {prop}"
            )));
        }
        self.expect(&Tok::Comma)?;
        let bbox = if func == "BBOX" {
            self.bbox_args()?
        } else {
            self.wkt()?
        };
        self.expect(&Tok::RParen)?;
        let op = match func {
            "WITHIN" => SpatialOp::Within,
            "CONTAINS" => SpatialOp::Contains,
            "DISJOINT" => SpatialOp::Disjoint,
            "EQUALS" => {
                return Ok(Expr::And(vec![
                    Expr::Spatial {
                        op: SpatialOp::Within,
                        bbox,
                    },
                    Expr::Spatial {
                        op: SpatialOp::Contains,
                        bbox,
                    },
                ]));
            }
            _ => SpatialOp::Intersects,
        };
        Ok(Expr::Spatial { op, bbox })
    }

    fn bbox_args(&mut self) -> Result<moisson_model::Bbox> {
        let mut n = [0.0; 4];
        for (i, slot) in n.iter_mut().enumerate() {
            if i > 0 {
                self.expect(&Tok::Comma)?;
            }
            *slot = self.number()?;
        }
        let mut crs = crate::crs::Crs::Wgs84(AxisOrder::LonLat);
        if self.peek() == Some(&Tok::Comma) {
            self.pos += 1;
            let Tok::Str(name) = self.next()? else {
                return Err(self.error("expected a quoted CRS"));
            };
            crs = crate::crs::resolve(Some(&name))?;
        }
        gml::corners_bbox((n[0], n[1]), (n[2], n[3]), &crs)
    }

    /// WKT geometry in lon/lat → its envelope.
    fn wkt(&mut self) -> Result<moisson_model::Bbox> {
        let Tok::Word(kind) = self.next()? else {
            return Err(self.error("expected a WKT geometry"));
        };
        let mut nums = Vec::new();
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Tok::LParen => depth += 1,
                Tok::RParen if depth == 1 => break,
                Tok::RParen => depth = depth.saturating_sub(1),
                Tok::Num(n) => nums.push(n.parse::<f64>().map_err(|_| self.error("bad number"))?),
                Tok::Comma => {}
                _ => return Err(self.error("unexpected token in WKT")),
            }
        }
        if kind.eq_ignore_ascii_case("ENVELOPE") {
            let [w, e, n, s] = nums[..] else {
                return Err(self.error("ENVELOPE needs minx, maxx, maxy, miny"));
            };
            return gml::envelope_of(&[(w, s), (e, n)], AxisOrder::LonLat);
        }
        if !nums.len().is_multiple_of(2) {
            return Err(self.error("odd number of coordinates"));
        }
        let pairs: Vec<(f64, f64)> = nums.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        gml::envelope_of(&pairs, AxisOrder::LonLat)
    }
}

#[cfg(test)]
mod tests;
