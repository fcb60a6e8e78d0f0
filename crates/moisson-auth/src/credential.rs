//! Which kind of credential an `Authorization` value carries.

use serde::Deserialize;

/// The credentials of a `Bearer` authorization value (scheme case-insensitive).
pub(crate) fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A JWT's claims before verification: only to route it to the right verifier.
#[derive(Deserialize)]
struct UnverifiedIssuer {
    iss: String,
}

/// The `iss` claim of something shaped like a JWT, unverified; `None` otherwise.
pub(crate) fn jwt_issuer(token: &str) -> Option<String> {
    if token.split('.').count() != 3 {
        return None;
    }
    jsonwebtoken::dangerous::insecure_decode_claims::<UnverifiedIssuer>(token)
        .ok()
        .map(|claims| claims.iss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive_and_trimmed() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer(" bearer   abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("abc"), None);
    }

    #[test]
    fn garbage_has_no_issuer() {
        assert_eq!(jwt_issuer("msk_a_b"), None);
        assert_eq!(jwt_issuer("a.b.c"), None);
    }
}
