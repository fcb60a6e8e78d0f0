//! Who writes: `Authorization: Bearer <admin token>`, compared in constant time.

use moisson_model::Viewer;
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};

/// The viewer of a read: anonymous until the rights issue brings sessions.
#[must_use]
pub fn reader(_authorization: Option<&str>) -> Viewer {
    Viewer::anonymous()
}

/// The actor of a write: `Viewer::Admin` when `authorization` is `Bearer <token>` with the
/// configured token; `Unauthorized` otherwise, and always when no token is configured.
pub fn writer(authorization: Option<&str>, admin_token: Option<&str>) -> Result<Viewer> {
    let expected = admin_token
        .filter(|t| !t.is_empty())
        .ok_or(Error::Unauthorized)?;
    let given = authorization.and_then(bearer).ok_or(Error::Unauthorized)?;
    if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        Ok(Viewer::Admin)
    } else {
        Err(Error::Unauthorized)
    }
}

/// The credentials of a `Bearer` authorization value (scheme case-insensitive).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_token_writes() {
        assert_eq!(
            writer(Some("Bearer s3cret"), Some("s3cret")).ok(),
            Some(Viewer::Admin)
        );
        assert_eq!(
            writer(Some("bearer  s3cret "), Some("s3cret")).ok(),
            Some(Viewer::Admin)
        );
    }

    #[test]
    fn missing_wrong_or_unconfigured_token_is_refused() {
        for (header, token) in [
            (None, Some("s3cret")),
            (Some("Bearer nope"), Some("s3cret")),
            (Some("Bearer s3cre"), Some("s3cret")),
            (Some("Basic s3cret"), Some("s3cret")),
            (Some("s3cret"), Some("s3cret")),
            (Some("Bearer "), Some("")),
            (Some("Bearer x"), None),
        ] {
            assert!(
                matches!(writer(header, token), Err(Error::Unauthorized)),
                "{header:?} {token:?}"
            );
        }
    }
}
