//! Record identifiers: opaque strings that may look like paths or URLs.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};

/// A record identifier (ISO fileIdentifier). Any non-empty string without control
/// characters, up to 1024 bytes; `FR-200093201/plu/2024` and `http://…` are valid.

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecordId(String);

impl RecordId {
    pub const MAX_LEN: usize = 1024;

    pub fn parse(s: impl Into<String>) -> Result<Self> {
        let s: String = s.into();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidId("empty"));
        }
        if trimmed.len() > Self::MAX_LEN {
            return Err(Error::InvalidId("longer than 1024 bytes"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(Error::InvalidId("contains control characters"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RecordId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(s)
    }
}

impl From<RecordId> for String {
    fn from(id: RecordId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_and_url_ids_are_valid() {
        assert!(RecordId::parse("FR-200093201/plu/2024").is_ok());
        assert!(RecordId::parse("http://example.org/a?b=c#d").is_ok());
        assert_eq!(RecordId::parse("  x ").map(|i| i.0), Ok("x".to_owned()));
    }

    #[test]
    fn empty_and_control_ids_are_refused() {
        assert!(RecordId::parse("   ").is_err());
        assert!(RecordId::parse("a\nb").is_err());
    }
}
