#![doc = include_str!("../README.md")]

pub mod account;
pub mod error;
pub mod harvest;
pub mod id;
pub mod query;
pub mod record;
pub mod rights;
pub mod viewer;

pub use error::{Classify, ErrorClass};
pub use id::RecordId;
pub use query::{
    CmpOp, Expr, Facet, FacetBucket, FacetField, Property, SearchQuery, SortField, SortKey,
    SpatialOp, TemporalOp, TimeRange, Value,
};
pub use record::*;
pub use viewer::{Membership, Principal, Role, Viewer};
