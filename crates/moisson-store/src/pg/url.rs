//! Connection strings: parsed once, and never shown with their password.

use std::fmt;

use crate::{Error, Result};

/// A PostgreSQL connection string whose `Debug` and `Display` hide the password
/// (`postgres://moisson:***@db:5432/moisson`), so it can be logged and put in errors.
#[derive(Clone)]
pub struct DatabaseUrl {
    url: String,
    config: tokio_postgres::Config,
}

impl DatabaseUrl {
    /// Parses a `postgres://` or `postgresql://` URL (or a `key=value` string).
    pub fn parse(url: &str) -> Result<Self> {
        let config: tokio_postgres::Config = url.parse().map_err(|_| {
            // tokio-postgres's message may quote the string: say nothing of it.
            Error::Config(format!(
                "invalid PostgreSQL connection string {}",
                redact(url)
            ))
        })?;
        Ok(Self {
            url: url.to_owned(),
            config,
        })
    }

    pub(crate) fn config(&self) -> &tokio_postgres::Config {
        &self.config
    }

    /// The same server, another database (the test harness, `moisson db copy`).
    #[must_use]
    pub fn with_database(&self, name: &str) -> Self {
        let mut config = self.config.clone();
        config.dbname(name);
        let url = match self.url.split_once("://") {
            Some((scheme, rest)) => {
                let (authority, query) = match rest.split_once('?') {
                    Some((a, q)) => (a, Some(q)),
                    None => (rest, None),
                };
                let host = authority.split('/').next().unwrap_or(authority);
                let query = query.map(|q| format!("?{q}")).unwrap_or_default();
                format!("{scheme}://{host}/{name}{query}")
            }
            None => format!("{} dbname={name}", self.url),
        };
        Self { url, config }
    }

    /// The URL with its password; only for handing to a connector.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.url
    }

    /// The database name, if the URL names one.
    #[must_use]
    pub fn database(&self) -> Option<&str> {
        self.config.get_dbname()
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.url))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// Hides the password of a URL (`user:secret@` → `user:***@`) and of a `key=value`
/// string (`password=secret` → `password=***`).
#[must_use]
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let authority_end = rest.find('/').unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let tail = redact_query(tail);
        return match authority.rsplit_once('@') {
            Some((userinfo, host)) => {
                let user = userinfo.split(':').next().unwrap_or("");
                let hidden = if userinfo.contains(':') { ":***" } else { "" };
                format!("{scheme}://{user}{hidden}@{host}{tail}")
            }
            None => format!("{scheme}://{authority}{tail}"),
        };
    }
    url.split_whitespace()
        .map(|kv| {
            if kv.to_ascii_lowercase().starts_with("password=") {
                "password=***".to_owned()
            } else {
                kv.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn redact_query(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_owned();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|kv| {
            if kv.to_ascii_lowercase().starts_with("password=") {
                "password=***".to_owned()
            } else {
                kv.to_owned()
            }
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        let u = DatabaseUrl::parse("postgres://moisson:s3cret@db:5432/cat?password=s3cret")
            .expect("valid");
        for shown in [u.to_string(), format!("{u:?}")] {
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("moisson:***@db:5432/cat"), "{shown}");
        }
        assert_eq!(
            redact("host=x password=p user=u"),
            "host=x password=*** user=u"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        let err = DatabaseUrl::parse("postgres://u:s3cret@h:notaport/db").expect_err("bad port");
        assert!(!err.to_string().contains("s3cret"), "{err}");
    }

    #[test]
    fn other_database_same_server() {
        let u = DatabaseUrl::parse("postgres://u:p@h:5433/postgres?sslmode=disable").expect("ok");
        let t = u.with_database("moisson_t_1");
        assert_eq!(
            t.expose(),
            "postgres://u:p@h:5433/moisson_t_1?sslmode=disable"
        );
        assert_eq!(t.database(), Some("moisson_t_1"));
    }
}
