//! OGC API exceptions: RFC 7807 `application/problem+json` (OGC API Common's exception
//! schema: `type`, `title`, `status`, `detail`, `instance`), rendered at the HTTP edge.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use moisson_http::problem::{self as edge, INTERNAL_DETAIL};
use moisson_model::{Classify, ErrorClass};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;

pub use moisson_http::problem::PROBLEM_JSON;

/// An exception. `type` is a stable URN per error class; `parameter` (an extension
/// member) names the offending query parameter.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Exception {
    #[serde(rename = "type")]
    #[schema(example = "urn:moisson:problem:invalid-parameter")]
    pub kind: String,
    #[schema(example = "Invalid parameter")]
    pub title: String,
    #[schema(example = 400)]
    pub status: u16,
    #[schema(example = "invalid value of bbox: expected four or six numbers")]
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "bbox")]
    pub parameter: Option<String>,
}

impl Exception {
    /// The exception of an error class; `detail` is shown as given.
    #[must_use]
    pub fn new(class: &ErrorClass, detail: impl Into<String>) -> Self {
        let fields = edge::fields(class);
        Self {
            detail: detail.into(),
            instance: None,
            kind: fields.kind,
            title: fields.title,
            status: fields.status,
            parameter: fields.parameter,
        }
    }

    /// The exception of an error; `Internal` errors are logged with their source chain
    /// and shown with a generic detail.
    #[must_use]
    pub fn from_error(error: &Error) -> Self {
        let class = error.class();
        if class == ErrorClass::Internal {
            tracing::error!(error = %edge::chain(error, true), "internal error in OGC API");
            return Self::new(&class, INTERNAL_DETAIL);
        }
        Self::new(&class, detail(error))
    }

    #[must_use]
    pub fn response(&self) -> HttpResponse {
        edge::response(self.status, self)
    }
}

/// The message with its causes, for client errors (a filter error says where).
fn detail(error: &Error) -> String {
    match error {
        Error::Filter(e) => format!("invalid filter: {e}"),
        other => edge::chain(other, true),
    }
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        edge::status_code(&self.class())
    }

    fn error_response(&self) -> HttpResponse {
        Exception::from_error(self).response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameter_is_named() {
        let e = Exception::from_error(&Error::invalid("limit", "not a number"));
        assert_eq!((e.status, e.parameter.as_deref()), (400, Some("limit")));
        assert!(e.detail.contains("limit"));
    }

    #[test]
    fn internal_errors_hide_their_source() {
        let e = Error::from(moisson_store::Error::Task("secret /var/db".into()));
        let x = Exception::from_error(&e);
        assert_eq!(x.status, 500);
        assert!(!x.detail.contains("secret"));
    }
}
