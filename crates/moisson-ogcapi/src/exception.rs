//! OGC API exceptions: RFC 7807 `application/problem+json` (OGC API Common's exception
//! schema: `type`, `title`, `status`, `detail`, `instance`), rendered at the HTTP edge.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use moisson_model::{Classify, ErrorClass};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

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
        let (slug, title) = match class {
            ErrorClass::InvalidParameter { .. } => ("invalid-parameter", "Invalid parameter"),
            ErrorClass::MissingParameter { .. } => ("missing-parameter", "Missing parameter"),
            ErrorClass::NotFound => ("not-found", "Not found"),
            ErrorClass::Forbidden => ("forbidden", "Forbidden"),
            ErrorClass::Unauthorized => ("unauthorized", "Unauthorized"),
            _ => ("internal", "Internal server error"),
        };
        let parameter = match class {
            ErrorClass::InvalidParameter { locator } => locator.clone(),
            ErrorClass::MissingParameter { locator } => Some(locator.clone()),
            _ => None,
        };
        Self {
            kind: format!("urn:moisson:problem:{slug}"),
            title: title.to_owned(),
            status: class.http_status(),
            detail: detail.into(),
            instance: None,
            parameter,
        }
    }

    /// The exception of an error; `Internal` errors are logged with their source chain
    /// and shown with a generic detail.
    #[must_use]
    pub fn from_error(error: &Error) -> Self {
        let class = error.class();
        if class == ErrorClass::Internal {
            tracing::error!(error = %chain(error), "internal error in OGC API");
            return Self::new(&class, "internal error; the server log has the details");
        }
        Self::new(&class, detail(error))
    }

    #[must_use]
    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .json(self)
    }
}

/// The message with its causes, for client errors (a filter error says where).
fn detail(error: &Error) -> String {
    match error {
        Error::Filter(e) => format!("invalid filter: {e}"),
        other => chain(other),
    }
}

fn chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.class().http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
