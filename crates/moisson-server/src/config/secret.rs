//! Values that must never reach a log line: database passwords (the `[auth]` secrets
//! are redacted by `super::auth`).
//!
//! `DatabaseUrl` prints and serialises redacted (`Debug`, `Display`, `Serialize`), so the
//! effective configuration can be logged or shown by `moisson config check` as is.
//! The real value is only available through `expose()`.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// What a redacted value is replaced with.
pub const REDACTED: &str = "***";

/// A database URL (`sqlite://path`, `postgres://user:password@host/db`) whose password
/// (in the user-info part or a `password=` query parameter) is redacted when shown.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL with its password, to open the store.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced by `***`.
    #[must_use]
    pub fn redacted(&self) -> String {
        redact_url(&self.0)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({:?})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for DatabaseUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}

/// Replaces the password of `scheme://user:password@host/…` and the value of any
/// `password=` query parameter.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:{REDACTED}@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    format!("{scheme}://{authority}{}", redact_query(tail))
}

fn redact_query(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_owned();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}={REDACTED}"),
            _ => p.to_owned(),
        })
        .collect();
    format!("{path}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        let url = DatabaseUrl::new("postgres://moisson:s3cret@db:5432/moisson?sslmode=require");
        assert_eq!(
            url.redacted(),
            "postgres://moisson:***@db:5432/moisson?sslmode=require"
        );
        let q = DatabaseUrl::new("postgres://db/moisson?user=m&password=s3cret");
        assert_eq!(q.to_string(), "postgres://db/moisson?user=m&password=***");
        assert!(!format!("{url:?}").contains("s3cret"));
    }

    #[test]
    fn urls_without_password_are_unchanged() {
        for u in [
            "sqlite://./moisson-data/moisson.db",
            "postgres://moisson@db/m",
            "plain.db",
        ] {
            assert_eq!(DatabaseUrl::new(u).redacted(), u);
        }
    }
}
