#![doc = include_str!("../README.md")]

pub mod cql;
pub mod cql2;
pub mod crs;
pub mod fes;
pub mod gml;
pub mod queryables;
pub mod xml;

use moisson_model::{Classify, ErrorClass, Expr, Property};

pub use cql::parse_cql;
pub use fes::{parse_filter, parse_filter_xml};
pub use queryables::{Queryable, lookup};

/// Why a filter was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Not well-formed or refused XML (DOCTYPE, unknown entity), with 1-based position.
    #[error("XML line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// CQL text that does not parse, with the 0-based character offset.
    #[error("CQL at character {position}: {message}")]
    Cql { position: usize, message: String },
    /// A filter element or value that is not valid.
    #[error("invalid filter: {0}")]
    Invalid(String),
    /// A name that is no queryable of this catalogue.
    #[error("unknown queryable {0:?}")]
    UnknownQueryable(String),
    /// A known ISO AP / INSPIRE queryable the store cannot query yet.
    #[error("queryable not supported yet: {0}")]
    UnsupportedQueryable(String),
    /// A CRS name that is no EPSG code this server knows.
    #[error(
        "unsupported CRS {0:?}: use an EPSG code (EPSG:2154, urn:ogc:def:crs:EPSG::4326, …) or CRS84"
    )]
    UnsupportedCrs(String),
}

impl Classify for Error {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidParameter {
            locator: Some("Constraint".to_owned()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

/// `property` differs from what `equal` (an equality on it, e.g. one without regard to
/// case) matches: the record has a value of it and `equal` is false. A comparison with
/// a missing value is not true, so `NotEqualTo` never selects a record without the
/// property, as a store's `CmpOp::Ne` does not.
pub(crate) fn not_equal(property: Property, equal: Expr) -> Expr {
    Expr::And(vec![
        Expr::Not(Box::new(Expr::IsNull(property))),
        Expr::Not(Box::new(equal)),
    ])
}
