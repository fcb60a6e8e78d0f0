//! RFC 7807 `application/problem+json` rendering of [`Error`] at the HTTP edge.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use moisson_http::problem::{self as edge, INTERNAL_DETAIL};
use moisson_model::{Classify, ErrorClass};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;

pub use moisson_http::problem::PROBLEM_JSON;

/// An RFC 7807 problem. `type` is a stable URN per error class; `parameter` (an
/// extension member) names the offending query parameter or body field.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(example = "urn:moisson:problem:invalid-parameter")]
    pub kind: String,
    #[schema(example = "Invalid parameter")]
    pub title: String,
    #[schema(example = 400)]
    pub status: u16,
    #[schema(example = "invalid bbox: expected four numbers west,south,east,north")]
    pub detail: String,
    /// The request path, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "bbox")]
    pub parameter: Option<String>,
}

impl Problem {
    /// The problem for an error class; `detail` is shown as given.
    #[must_use]
    pub fn new(class: &ErrorClass, detail: impl Into<String>) -> Self {
        let edge::Fields {
            kind,
            title,
            status,
            parameter,
        } = edge::fields(class);
        Self {
            kind,
            title,
            status,
            detail: detail.into(),
            instance: None,
            parameter,
        }
    }

    /// The problem for an error: `Internal` errors get a generic detail and are logged
    /// here, with their source chain, instead of being shown.
    #[must_use]
    pub fn from_error(error: &Error) -> Self {
        let class = error.class();
        if class == ErrorClass::Internal {
            tracing::error!(error = %edge::chain(error, false), "internal error in REST API");
            return Self::new(&class, INTERNAL_DETAIL);
        }
        Self::new(&class, error.to_string())
    }

    #[must_use]
    pub fn with_instance(mut self, path: impl Into<String>) -> Self {
        self.instance = Some(path.into());
        self
    }

    /// The HTTP response carrying this problem (a 401 asks for a bearer token).
    #[must_use]
    pub fn response(&self) -> HttpResponse {
        edge::response(self.status, self)
    }
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
            return Problem::from_error(self).response();
        };
        // No error class has 429: a rate-limited login is rendered here, with the delay.
        let mut p = Problem::from_error(self);
        p.status = 429;
        p.title = "Too many requests".to_owned();
        p.kind = "urn:moisson:problem:too-many-requests".to_owned();
        let mut resp = edge::response(429, &p);
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
        let p = Problem::from_error(&Error::invalid("bbox", "expected four numbers"));
        assert_eq!(p.status, 400);
        assert_eq!(p.parameter.as_deref(), Some("bbox"));
        assert_eq!(p.kind, "urn:moisson:problem:invalid-parameter");
        assert!(p.detail.contains("bbox"), "{}", p.detail);
    }

    #[test]
    fn internal_errors_hide_their_source() {
        let e = Error::from(moisson_store::Error::Task("secret path /var/db".into()));
        let p = Problem::from_error(&e);
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
