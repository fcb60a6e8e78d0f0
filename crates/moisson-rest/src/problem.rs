//! RFC 7807 `application/problem+json` rendering of [`Error`] at the HTTP edge.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use moisson_http::problem as edge;
use moisson_model::Classify;

use crate::error::Error;

pub use moisson_http::problem::{PROBLEM_JSON, Problem};

/// The problem of a REST error: its message as detail, internal errors hidden.
#[must_use]
pub fn from_error(error: &Error) -> Problem {
    Problem::of(error, "REST API", ToString::to_string)
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        if self.retry_after().is_some() {
            return StatusCode::TOO_MANY_REQUESTS;
        }
        edge::status_code(&self.class())
    }

    fn error_response(&self) -> HttpResponse {
        let Some(seconds) = self.retry_after() else {
            return from_error(self).response();
        };
        // No error class has 429: a rate-limited login is rendered here, with the delay.
        let detail = from_error(self).detail;
        let p = Problem::other(429, "too-many-requests", "Too many requests", detail);
        let mut resp = p.response();
        if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, value);
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameter_names_it() {
        let p = from_error(&Error::invalid("bbox", "expected four numbers"));
        assert_eq!(p.status, 400);
        assert_eq!(p.parameter.as_deref(), Some("bbox"));
        assert_eq!(p.kind, "urn:moisson:problem:invalid-parameter");
        assert!(p.detail.contains("bbox"), "{}", p.detail);
    }

    #[test]
    fn internal_errors_hide_their_source() {
        let e = Error::from(moisson_store::Error::Task("secret path /var/db".into()));
        let p = from_error(&e);
        assert_eq!(p.status, 500);
        assert!(!p.detail.contains("secret"), "{}", p.detail);
    }

    #[test]
    fn rate_limited_logins_are_429_with_retry_after() {
        let e = Error::Auth(moisson_auth::AuthError::RateLimited {
            retry_after_secs: 42,
        });
        let resp = e.error_response();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            resp.headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.as_bytes()),
            Some(&b"42"[..])
        );
    }

    #[test]
    fn unauthorized_response_asks_for_a_bearer_token() {
        let resp = Error::Unauthorized.error_response();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(resp.headers().contains_key(header::WWW_AUTHENTICATE));
        assert_eq!(
            resp.headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.as_bytes()),
            Some(PROBLEM_JSON.as_bytes())
        );
    }
}
