//! `If-Match` on record writes (RFC 9110 §13.1.1): the record's `ETag` is its store
//! version, strong and quoted (`"3"`), so a client that read version 3 writes "only if
//! the record is still at version 3" and the store checks it under its write lock.

use actix_web::HttpRequest;
use actix_web::http::header::{self, EntityTag};

use crate::error::{Error, Result};

/// What a write request's `If-Match` asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// No `If-Match`: last writer wins (unless the server requires the header).
    Absent,
    /// `If-Match: *`: any current version.
    Any,
    /// The versions the client accepts; a weak or non-numeric tag never matches.
    Versions(Vec<i64>),
}

impl IfMatch {
    /// Reads the header; with `required`, a request without it is refused (428).
    pub fn from_request(req: &HttpRequest, required: bool) -> Result<Self> {
        let values: Vec<&str> = req
            .headers()
            .get_all(header::IF_MATCH)
            .filter_map(|v| v.to_str().ok())
            .collect();
        if values.is_empty() {
            return if required {
                Err(Error::PreconditionRequired)
            } else {
                Ok(Self::Absent)
            };
        }
        let parts = values.iter().flat_map(|v| v.split(',')).map(str::trim);
        let mut versions = Vec::new();
        for part in parts.filter(|p| !p.is_empty()) {
            if part == "*" {
                return Ok(Self::Any);
            }
            let tag: EntityTag = part.parse().map_err(|_| {
                Error::invalid("If-Match", format!("{part:?} is not an entity tag"))
            })?;
            // Strong comparison: a weak tag matches nothing.
            if let (false, Ok(v)) = (tag.weak, tag.tag().parse::<i64>()) {
                versions.push(v);
            }
        }
        Ok(Self::Versions(versions))
    }

    /// The version the store must find, given the `stored` one read first: `None` for a
    /// blind write, the stored version when a listed tag names it, else 412.
    pub fn expected(&self, id: &str, stored: i64) -> Result<Option<i64>> {
        match self {
            Self::Absent => Ok(None),
            // The record exists (it was just read); any version will do.
            Self::Any => Ok(None),
            Self::Versions(v) if v.contains(&stored) => Ok(Some(stored)),
            Self::Versions(_) => Err(Error::PreconditionFailed(format!(
                "record {id} is at version {stored} (ETag \"{stored}\"), not the one If-Match \
                 names: read it again and reapply the change"
            ))),
        }
    }
}

/// The `ETag` of a record at `version`: strong, the version quoted.
#[must_use]
pub fn etag(version: i64) -> header::ETag {
    header::ETag(EntityTag::new_strong(version.to_string()))
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn parse(value: Option<&str>, required: bool) -> Result<IfMatch> {
        let mut req = TestRequest::default();
        if let Some(v) = value {
            req = req.insert_header((header::IF_MATCH, v));
        }
        IfMatch::from_request(&req.to_http_request(), required)
    }

    #[test]
    fn tags_lists_and_stars() {
        assert_eq!(parse(None, false).unwrap(), IfMatch::Absent);
        assert!(matches!(
            parse(None, true),
            Err(Error::PreconditionRequired)
        ));
        assert_eq!(parse(Some("*"), true).unwrap(), IfMatch::Any);
        assert_eq!(
            parse(Some(r#""3", W/"4", "x", "5""#), false).unwrap(),
            IfMatch::Versions(vec![3, 5])
        );
        assert!(parse(Some("3"), false).is_err(), "unquoted is not a tag");
    }

    #[test]
    fn a_listed_version_matches_and_another_fails() {
        let m = IfMatch::Versions(vec![3]);
        assert_eq!(m.expected("a", 3).unwrap(), Some(3));
        assert!(matches!(
            m.expected("a", 4),
            Err(Error::PreconditionFailed(_))
        ));
        assert_eq!(IfMatch::Any.expected("a", 9).unwrap(), None);
    }
}
