//! Bound parameters of dynamic SQL: each value with the cast its placeholder carries,
//! so PostgreSQL never has to guess a type.

use tokio_postgres::types::ToSql;

#[derive(Debug, Clone)]
pub(crate) enum Param {
    Text(String),
    Real(f64),
    Int(i64),
    Bool(bool),
    TextArray(Vec<String>),
}

impl Param {
    fn cast(&self) -> &'static str {
        match self {
            Self::Text(_) => "text",
            Self::Real(_) => "float8",
            Self::Int(_) => "int8",
            Self::Bool(_) => "boolean",
            Self::TextArray(_) => "text[]",
        }
    }

    pub(crate) fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Self::Text(v) => v,
            Self::Real(v) => v,
            Self::Int(v) => v,
            Self::Bool(v) => v,
            Self::TextArray(v) => v,
        }
    }
}

/// The parameters of one statement.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(Vec<Param>);

impl Params {
    /// Binds a value; returns its typed placeholder (`$3::text`).
    pub(crate) fn bind(&mut self, p: Param) -> String {
        let cast = p.cast();
        self.0.push(p);
        format!("(${}::{cast})", self.0.len())
    }

    pub(crate) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(Param::as_sql).collect()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}
