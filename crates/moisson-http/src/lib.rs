//! Edge helpers shared by the HTTP protocol crates; see the README below.
#![doc = include_str!("../README.md")]

pub mod caller;
pub mod catalogue;
pub mod client;
pub mod datetime;
pub mod links;
pub mod params;
pub mod path;
pub mod problem;

use std::fmt;

pub use caller::caller;
pub use datetime::datetime;
pub use links::encode;
pub use path::path_id;

/// Why a value was refused, without the parameter's name (the caller knows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

/// `value` as pretty JSON with a trailing newline, as the OpenAPI documents are served
/// and committed; a serialisation error becomes `{"error": "…"}`.
#[must_use]
pub fn pretty_json(value: &impl serde::Serialize) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

impl Invalid {
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

impl From<Invalid> for String {
    fn from(invalid: Invalid) -> Self {
        invalid.0
    }
}
