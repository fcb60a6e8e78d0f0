//! The one AST → SQL compiler of the SQLite backend: `Expr` becomes a WHERE clause over
//! `records r` in which every value is a bound parameter (`?N`) and every identifier
//! comes from the allow-list in `target.rs`. The viewer's visibility clause
//! (`visibility.rs`) is added here for every search, count and facet.

use moisson_model::{CmpOp, Expr, Property, Value, Viewer};
use rusqlite::types::Value as SqlValue;

use super::target::{Kind, Target, number_literal, target, truth_literal};
use super::text::{fold, fts_query, like_to_glob, like_to_words, normalise_date};
use super::visibility::visibility_sql;
use crate::{Error, Result};

/// A compiled filter.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// Visibility clause AND the filter, over `records r`.
    pub where_sql: String,
    pub params: Vec<SqlValue>,
    /// The FTS5 query that ranks results, when the filter has full text; bound by
    /// the page query only (after `params`), as counts and facets do not rank.
    pub rank_query: Option<String>,
}

/// Compiles `filter` for `viewer`.
pub(crate) fn compile(filter: &Expr, viewer: &Viewer) -> Result<Compiled> {
    let mut c = Compiler::default();
    let visible = visibility_sql(viewer, &mut c.params);
    let filter_sql = c.expr(filter)?;
    let rank_query = (!c.rank_terms.is_empty()).then(|| {
        c.rank_terms
            .iter()
            .map(|t| format!("({t})"))
            .collect::<Vec<_>>()
            .join(" OR ")
    });
    let where_sql = format!("{visible} AND ({filter_sql})");
    Ok(Compiled {
        where_sql,
        params: c.params,
        rank_query,
    })
}

#[derive(Default)]
pub(crate) struct Compiler {
    pub(crate) params: Vec<SqlValue>,
    /// FTS5 queries of the full-text terms not under a NOT, for ranking.
    rank_terms: Vec<String>,
    negated: bool,
}

impl Compiler {
    /// Binds a value; returns its placeholder.
    pub(crate) fn bind(&mut self, v: SqlValue) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    fn expr(&mut self, e: &Expr) -> Result<String> {
        Ok(match e {
            Expr::All => "1".to_owned(),
            Expr::And(v) => self.join(v, " AND ", "1")?,
            Expr::Or(v) => self.join(v, " OR ", "0")?,
            Expr::Not(inner) => {
                self.negated = !self.negated;
                let sql = self.expr(inner);
                self.negated = !self.negated;
                format!("NOT coalesce(({}), 0)", sql?)
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
        let Some(q) = fts_query(text) else {
            return "1".to_owned();
        };
        let Some(q) = q else {
            return "0".to_owned();
        };
        if !self.negated {
            self.rank_terms.push(q.clone());
        }
        let p = self.bind(SqlValue::Text(q));
        format!("r.rid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH {p})")
    }

    /// Binds a literal the way `kind` compares it (dates normalised, numbers parsed,
    /// truth values as words, folded if asked).
    fn value(&mut self, v: &Value, kind: Kind, folded: bool) -> Result<String> {
        let sql = match v {
            _ if kind == Kind::Number => SqlValue::Real(number_literal(v)?),
            _ if kind == Kind::Bool => SqlValue::Text(truth_literal(v)?.to_owned()),
            Value::Text(s) if kind == Kind::Date => SqlValue::Text(normalise_date(s)),
            Value::Text(s) if folded => SqlValue::Text(fold(s)),
            Value::Text(s) => SqlValue::Text(s.clone()),
            Value::Number(n) if kind == Kind::Date => SqlValue::Text(n.to_string()),
            Value::Number(n) => SqlValue::Real(*n),
            Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        };
        Ok(self.bind(sql))
    }

    /// Wraps a predicate over one column expression into SQL over `records r`.
    /// `folded` picks a child table's folded column instead of its value columns.
    /// `lookup` marks an equality (or IN list): on an indexed child table it becomes
    /// `r.rid IN (SELECT c.rid …)`, one index range read once, which SQLite can also
    /// use to drive the query; anything else stays a per-record `EXISTS`.
    fn on_target(
        &mut self,
        t: &Target,
        folded: bool,
        lookup: bool,
        pred: impl Fn(&str) -> String,
    ) -> String {
        match t {
            Target::Column { expr, .. } => pred(expr),
            Target::Extra { path } => {
                let p = self.bind(SqlValue::Text(path.clone()));
                pred(&format!("json_extract(r.doc, {p})"))
            }
            Target::Child {
                table,
                cols,
                fold,
                indexed,
                ..
            } => {
                let conds: Vec<String> = match fold.filter(|_| folded) {
                    Some(f) => vec![pred(f)],
                    None => cols.iter().map(|c| pred(c)).collect(),
                };
                let conds = conds.join(" OR ");
                if *indexed && lookup {
                    format!("r.rid IN (SELECT c.rid FROM {table} c WHERE {conds})")
                } else {
                    format!("EXISTS (SELECT 1 FROM {table} c WHERE c.rid = r.rid AND ({conds}))")
                }
            }
            Target::AnyText => "0".to_owned(),
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
        let v = self.value(value, kind, folded)?;
        let sym = match op {
            CmpOp::Eq | CmpOp::Ne => "=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        };
        let lookup = matches!(op, CmpOp::Eq | CmpOp::Ne);
        let sql = self.on_target(&t, folded, lookup, |col| cmp(col, sym, &v, kind));
        Ok(match op {
            CmpOp::Ne => {
                let present = self.present(property)?;
                format!("NOT coalesce(({sql}), 0) AND {present}")
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
            let p = self.bind(SqlValue::Text(fold(pattern)));
            self.on_target(&t, has_fold, false, |col| {
                if has_fold {
                    format!("{col} LIKE {p} ESCAPE '\\'")
                } else {
                    format!("moisson_fold({col}) LIKE {p} ESCAPE '\\'")
                }
            })
        } else {
            let p = self.bind(SqlValue::Text(like_to_glob(pattern)));
            self.on_target(&t, false, false, |col| format!("{col} GLOB {p}"))
        })
    }

    fn between(&mut self, property: &Property, low: &Value, high: &Value) -> Result<String> {
        let t = target(property)?;
        if matches!(t, Target::AnyText) {
            return Err(unsupported("anyText cannot be compared with BETWEEN"));
        }
        let kind = kind_of(&t);
        let (lo, hi) = (
            self.value(low, kind, false)?,
            self.value(high, kind, false)?,
        );
        let sql = self.on_target(&t, false, false, |col| {
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
            return Ok("0".to_owned());
        }
        let kind = kind_of(&t);
        let folded = matches!(&t, Target::Child { fold: Some(_), .. });
        let ps = values
            .iter()
            .map(|v| self.value(v, kind, folded))
            .collect::<Result<Vec<String>>>()?;
        Ok(self.on_target(&t, folded, true, |col| match kind {
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
                let any = self.on_target(&t, false, false, |col| format!("{col} IS NOT NULL"));
                format!("NOT {any}")
            }
            Target::AnyText => "0".to_owned(),
            _ => self.on_target(&t, false, false, |col| {
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

/// `col OP value`; dates compare at the coarser precision of the two sides, so
/// `2024` equals any day of 2024 and `2024-05-01T10:00:00` is `<= 2024-05-01`.
pub(crate) fn cmp(col: &str, op: &str, value: &str, kind: Kind) -> String {
    match kind {
        // JSON numbers are INTEGER or REAL values, compared with a REAL parameter.
        Kind::Text | Kind::Number | Kind::Bool => format!("{col} {op} {value}"),
        Kind::Date => {
            let n = format!("min(length({col}), length({value}))");
            format!("substr({col}, 1, {n}) {op} substr({value}, 1, {n})")
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
        let e = Expr::eq(Property::Title, evil).and(Expr::Like {
            property: Property::Keyword,
            pattern: evil.to_owned(),
            case_insensitive: true,
        });
        let c = compile(&e, &Viewer::Anonymous).expect("compiles");
        assert!(!c.where_sql.contains("OR 1=1"), "{}", c.where_sql);
        assert!(
            c.where_sql
                .starts_with("(r.status = 'published' AND (r.visibility = 'public')) AND"),
            "{}",
            c.where_sql
        );
        assert_eq!(c.params.len(), 2);
    }

    #[test]
    fn indexed_child_equalities_are_rid_lists() {
        let c = compile(&Expr::eq(Property::Keyword, "Eau"), &Viewer::Admin).expect("ok");
        assert!(
            c.where_sql
                .ends_with("(r.rid IN (SELECT c.rid FROM record_keywords c WHERE c.norm = ?1))"),
            "{}",
            c.where_sql
        );
        // A pattern, or a table whose columns are not all indexed, stays per record.
        let like = Expr::Like {
            property: Property::Keyword,
            pattern: "eau%".to_owned(),
            case_insensitive: true,
        };
        for e in [like, Expr::eq(Property::Licence, "x")] {
            let c = compile(&e, &Viewer::Admin).expect("ok");
            assert!(
                c.where_sql.contains("EXISTS (SELECT 1 FROM"),
                "{}",
                c.where_sql
            );
        }
    }

    #[test]
    fn full_text_under_not_is_not_ranked() {
        let c = compile(
            &Expr::Not(Box::new(Expr::FullText("eau".to_owned()))),
            &Viewer::Admin,
        )
        .expect("ok");
        assert!(c.rank_query.is_none());
        let c = compile(&Expr::FullText("eau".to_owned()), &Viewer::Admin).expect("ok");
        assert_eq!(c.rank_query.as_deref(), Some("(\"eau\"*)"));
    }
}
