//! The one AST → SQL compiler of the PostgreSQL backend: `Expr` becomes a WHERE clause
//! over `records r` in which every value is a bound parameter (`$N::type`) and every
//! identifier comes from the allow-list in `target.rs`. The viewer's visibility clause
//! (`visibility.rs`) is ANDed here for searches and facets. Semantics mirror `sqlite/compile.rs`.

use moisson_model::{CmpOp, Expr, Property, Value, Viewer};

use super::params::{Param, Params};
use super::target::{Kind, Target, number_literal, target, truth_literal};
use super::text::{TsQuery, like_pattern, like_to_words, tsquery};
use super::visibility::visibility_clause;
use crate::text::{fold, normalise_date};
use crate::{Error, Result};

/// A compiled filter.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// Visibility clause AND the filter, over `records r`.
    pub where_sql: String,
    pub params: Params,
    /// The full-text terms that rank results (not under a NOT); bound by the page
    /// query only (after `params`), as counts and facets do not rank.
    pub rank_terms: Vec<TsQuery>,
}

/// Compiles `filter` for `viewer`, ANDed with the viewer's visibility clause.
pub(crate) fn compile(filter: &Expr, viewer: &Viewer) -> Result<Compiled> {
    let mut c = Compiler::default();
    let visible = visibility_clause(viewer, &mut c.params);
    let filter_sql = c.expr(filter)?;
    let where_sql = format!("{visible} AND ({filter_sql})");
    Ok(Compiled {
        where_sql,
        params: c.params,
        rank_terms: c.rank_terms,
    })
}

/// How a literal is compared with an extra field's JSON value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JsonAs {
    Text,
    Number,
    Bool,
}

#[derive(Default)]
pub(crate) struct Compiler {
    pub(crate) params: Params,
    /// The full-text terms not under a NOT, for ranking.
    rank_terms: Vec<TsQuery>,
    negated: bool,
}

impl Compiler {
    pub(crate) fn bind(&mut self, p: Param) -> String {
        self.params.bind(p)
    }

    fn expr(&mut self, e: &Expr) -> Result<String> {
        Ok(match e {
            Expr::All => "TRUE".to_owned(),
            Expr::And(v) => self.join(v, " AND ", "TRUE")?,
            Expr::Or(v) => self.join(v, " OR ", "FALSE")?,
            Expr::Not(inner) => {
                self.negated = !self.negated;
                let sql = self.expr(inner);
                self.negated = !self.negated;
                format!("NOT coalesce(({}), FALSE)", sql?)
            }
            Expr::Compare {
                property,
                op,
                value,
            } => self.compare(property, *op, value)?,
            Expr::Like {
                property,
                pattern,
                case_insensitive,
            } => self.like(property, pattern, *case_insensitive)?,
            Expr::Between {
                property,
                low,
                high,
            } => self.between(property, low, high)?,
            Expr::In { property, values } => self.in_list(property, values)?,
            Expr::IsNull(property) => self.is_null(property)?,
            Expr::Spatial { op, bbox } => self.spatial(*op, bbox),
            Expr::Temporal { op, range } => self.temporal(*op, range),
            Expr::FullText(text) => self.full_text(text),
        })
    }

    fn join(&mut self, v: &[Expr], sep: &str, empty: &str) -> Result<String> {
        if v.is_empty() {
            return Ok(empty.to_owned());
        }
        let parts = v
            .iter()
            .map(|e| self.expr(e).map(|s| format!("({s})")))
            .collect::<Result<Vec<_>>>()?;
        Ok(parts.join(sep))
    }

    fn full_text(&mut self, text: &str) -> String {
        let Some(q) = tsquery(text) else {
            return "TRUE".to_owned();
        };
        let Some(q) = q else {
            return "FALSE".to_owned();
        };
        if !self.negated {
            self.rank_terms.push(q.clone());
        }
        format!("r.fts @@ {}", q.sql(&mut self.params))
    }

    /// Binds a literal the way `kind` compares it (dates normalised, numbers parsed,
    /// truth values as words, folded if asked). Extra fields compare numbers and
    /// booleans as such; other columns hold text.
    fn value(&mut self, v: &Value, kind: Kind, folded: bool, json: bool) -> Result<String> {
        let p = match v {
            _ if kind == Kind::Number => Param::Real(number_literal(v)?),
            _ if kind == Kind::Bool => Param::Text(truth_literal(v)?.to_owned()),
            Value::Text(s) if kind == Kind::Date => Param::Text(normalise_date(s)),
            Value::Text(s) if folded => Param::Text(fold(s)),
            Value::Text(s) => Param::Text(s.clone()),
            Value::Number(n) if json => Param::Real(*n),
            Value::Number(n) => Param::Text(n.to_string()),
            Value::Bool(b) if json => Param::Bool(*b),
            Value::Bool(b) => Param::Text(i64::from(*b).to_string()),
        };
        Ok(self.bind(p))
    }

    /// Wraps a predicate over one column expression into SQL over `records r`.
    /// `folded` picks a child table's folded column instead of its value columns.
    fn on_target(
        &mut self,
        t: &Target,
        folded: bool,
        json: JsonAs,
        pred: impl Fn(&str) -> String,
    ) -> String {
        match t {
            Target::Column { expr, .. } => pred(expr),
            Target::Extra { path } => {
                let p = self.bind(Param::TextArray(path.clone()));
                let e = format!("(r.doc #> {p})");
                let col = match json {
                    JsonAs::Text => format!(
                        "(CASE WHEN jsonb_typeof({e}) = 'string' THEN ({e} #>> '{{}}') COLLATE \"C\" END)"
                    ),
                    JsonAs::Number => format!(
                        "(CASE WHEN jsonb_typeof({e}) = 'number' THEN ({e} #>> '{{}}')::float8 END)"
                    ),
                    JsonAs::Bool => format!(
                        "(CASE WHEN jsonb_typeof({e}) = 'boolean' THEN ({e} #>> '{{}}')::boolean END)"
                    ),
                };
                pred(&col)
            }
            Target::Child {
                table, cols, fold, ..
            } => {
                let conds: Vec<String> = match fold.filter(|_| folded) {
                    Some(f) => vec![pred(f)],
                    None => cols.iter().map(|c| pred(c)).collect(),
                };
                format!(
                    "EXISTS (SELECT 1 FROM {table} c WHERE c.rid = r.rid AND ({}))",
                    conds.join(" OR ")
                )
            }
            Target::AnyText => "FALSE".to_owned(),
        }
    }

    fn compare(&mut self, property: &Property, op: CmpOp, value: &Value) -> Result<String> {
        let t = target(property)?;
        if matches!(t, Target::AnyText) {
            return match (op, value) {
                (CmpOp::Eq, Value::Text(s)) => Ok(self.full_text(s)),
                _ => Err(unsupported(
                    "anyText only supports equality with a text (a full-text match)",
                )),
            };
        }
        let kind = kind_of(&t);
        let folded = matches!(&t, Target::Child { fold: Some(_), .. })
            && matches!(op, CmpOp::Eq | CmpOp::Ne);
        let json = json_as(&t, value);
        let v = self.value(value, kind, folded, matches!(t, Target::Extra { .. }))?;
        let sym = match op {
            CmpOp::Eq | CmpOp::Ne => "=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        };
        let sql = self.on_target(&t, folded, json, |col| cmp(col, sym, &v, kind));
        Ok(match op {
            CmpOp::Ne => {
                let present = self.present(property)?;
                format!("NOT coalesce(({sql}), FALSE) AND {present}")
            }
            CmpOp::Eq => sql,
            _ => self.guarded(property, &t, sql)?,
        })
    }

    /// The record has a value of `property`: not [`Self::is_null`]. A comparison with a
    /// missing value is not true (OGC Filter, SQL): `title <> 'x'` does not select a
    /// record without a title, and on a multi-valued property `<>` needs a value, none
    /// of which equals (what `Not` of an equality adds to it).
    fn present(&mut self, property: &Property) -> Result<String> {
        let missing = self.is_null(property)?;
        Ok(format!("NOT ({missing})"))
    }

    /// `sql` (an order comparison) AND a value present, on single-valued targets where a
    /// missing text is stored empty and `'' <= x` would hold. A child table's rows always
    /// hold their value, so its comparisons need no guard.
    fn guarded(&mut self, property: &Property, t: &Target, sql: String) -> Result<String> {
        Ok(match t {
            Target::Column { .. } | Target::Extra { .. } => {
                format!("({sql}) AND {}", self.present(property)?)
            }
            Target::Child { .. } | Target::AnyText => sql,
        })
    }

    fn like(
        &mut self,
        property: &Property,
        pattern: &str,
        case_insensitive: bool,
    ) -> Result<String> {
        let t = target(property)?;
        if matches!(t, Target::AnyText) {
            return Ok(self.full_text(&like_to_words(pattern)));
        }
        let has_fold = matches!(&t, Target::Child { fold: Some(_), .. });
        Ok(if case_insensitive {
            if has_fold {
                let p = self.bind(Param::Text(like_pattern(&fold(pattern))));
                self.on_target(&t, true, JsonAs::Text, |col| format!("{col} LIKE {p}"))
            } else {
                let p = self.bind(Param::Text(like_pattern(pattern)));
                self.on_target(&t, false, JsonAs::Text, |col| {
                    format!("moisson_fold({col}) LIKE moisson_fold({p})")
                })
            }
        } else {
            let p = self.bind(Param::Text(like_pattern(pattern)));
            self.on_target(&t, false, JsonAs::Text, |col| format!("{col} LIKE {p}"))
        })
    }

    fn between(&mut self, property: &Property, low: &Value, high: &Value) -> Result<String> {
        let t = target(property)?;
        if matches!(t, Target::AnyText) {
            return Err(unsupported("anyText cannot be compared with BETWEEN"));
        }
        let kind = kind_of(&t);
        let json = json_as(&t, low);
        let extra = matches!(t, Target::Extra { .. });
        let lo = self.value(low, kind, false, extra)?;
        let hi = self.value(high, kind, false, extra)?;
        let sql = self.on_target(&t, false, json, |col| {
            format!(
                "({} AND {})",
                cmp(col, ">=", &lo, kind),
                cmp(col, "<=", &hi, kind)
            )
        });
        self.guarded(property, &t, sql)
    }

    fn in_list(&mut self, property: &Property, values: &[Value]) -> Result<String> {
        let t = target(property)?;
        if matches!(t, Target::AnyText) {
            return Err(unsupported("anyText cannot be compared with IN"));
        }
        if values.is_empty() {
            return Ok("FALSE".to_owned());
        }
        let kind = kind_of(&t);
        let folded = matches!(&t, Target::Child { fold: Some(_), .. });
        if let Target::Extra { .. } = t {
            // One comparison per value, each typed as its value is.
            let parts = values
                .iter()
                .map(|v| {
                    let p = self.value(v, kind, false, true)?;
                    Ok(self.on_target(&t, false, json_as(&t, v), |col| format!("{col} = {p}")))
                })
                .collect::<Result<Vec<String>>>()?;
            return Ok(parts.join(" OR "));
        }
        let ps = values
            .iter()
            .map(|v| self.value(v, kind, folded, false))
            .collect::<Result<Vec<String>>>()?;
        Ok(self.on_target(&t, folded, JsonAs::Text, |col| match kind {
            Kind::Date | Kind::Number => ps
                .iter()
                .map(|p| cmp(col, "=", p, kind))
                .collect::<Vec<_>>()
                .join(" OR "),
            Kind::Text | Kind::Bool => format!("{col} IN ({})", ps.join(", ")),
        }))
    }

    fn is_null(&mut self, property: &Property) -> Result<String> {
        let t = target(property)?;
        Ok(match &t {
            Target::Child { .. } => {
                let any =
                    self.on_target(&t, false, JsonAs::Text, |col| format!("{col} IS NOT NULL"));
                format!("NOT {any}")
            }
            Target::AnyText => "FALSE".to_owned(),
            Target::Extra { path } => {
                let p = self.bind(Param::TextArray(path.clone()));
                format!("coalesce((r.doc #>> {p}), '') = ''")
            }
            Target::Column { .. } => self.on_target(&t, false, JsonAs::Text, |col| {
                format!("({col} IS NULL OR {col} = '')")
            }),
        })
    }
}

fn kind_of(t: &Target) -> Kind {
    match t {
        Target::Column { kind, .. } | Target::Child { kind, .. } => *kind,
        Target::Extra { .. } | Target::AnyText => Kind::Text,
    }
}

fn json_as(t: &Target, v: &Value) -> JsonAs {
    match (t, v) {
        (Target::Extra { .. }, Value::Number(_)) => JsonAs::Number,
        (Target::Extra { .. }, Value::Bool(_)) => JsonAs::Bool,
        _ => JsonAs::Text,
    }
}

/// `col OP value`; dates compare at the coarser precision of the two sides, so
/// `2024` equals any day of 2024 and `2024-05-01T10:00:00` is `<= 2024-05-01`.
pub(crate) fn cmp(col: &str, op: &str, value: &str, kind: Kind) -> String {
    match kind {
        Kind::Text | Kind::Bool => format!("{col} {op} {value}"),
        // Numbers read from the document are text; the literal is a float8.
        Kind::Number => format!("({col})::float8 {op} {value}"),
        Kind::Date => {
            let n = format!("least(length({col}), length({value}))");
            format!("left({col}, {n}) {op} left({value}, {n})")
        }
    }
}

pub(crate) fn unsupported(why: &str) -> Error {
    Error::UnsupportedQuery(why.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_bound_never_spliced() {
        let evil = "x' OR 1=1 --";
        let e = Expr::eq(Property::Title, evil)
            .and(Expr::Like {
                property: Property::Keyword,
                pattern: evil.to_owned(),
                case_insensitive: true,
            })
            .and(Expr::FullText(evil.to_owned()));
        let c = compile(&e, &Viewer::Anonymous).expect("compiles");
        assert!(!c.where_sql.contains("OR 1=1"), "{}", c.where_sql);
        assert!(
            c.where_sql
                .starts_with("(r.status = 'published' AND (r.visibility = 'public')) AND"),
            "{}",
            c.where_sql
        );
        assert_eq!(c.params.len(), 3);
    }

    #[test]
    fn full_text_under_not_is_not_ranked() {
        let not = Expr::Not(Box::new(Expr::FullText("eau".to_owned())));
        assert!(
            compile(&not, &Viewer::Admin)
                .expect("ok")
                .rank_terms
                .is_empty()
        );
        let c = compile(&Expr::FullText("eau".to_owned()), &Viewer::Admin).expect("ok");
        assert_eq!(c.rank_terms, [tsquery("eau").flatten().expect("a word")]);
    }
}
